export { route } from './route.js';
export { capabilityScore, leastLoaded, roundRobin, STRATEGIES } from './strategies.js';
export type { Candidate, RouteDecision, RoutingStrategy, RoutingStrategyName, UnroutableReason } from './types.js';
