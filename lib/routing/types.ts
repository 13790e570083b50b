import type { CircuitState } from '../store/index.js';

/** An agent as the router sees it at one dispatch. */
export interface Candidate {
  name: string;
  capabilities: readonly string[];
  concurrency: number;
  inFlight: number;
  circuitState: CircuitState;
  alive: boolean;
}

export type RoutingStrategyName = 'least-loaded' | 'round-robin' | 'capability-score';

/** Picks one of the eligible agents (never empty) for a task. */
export type RoutingStrategy = (eligible: readonly Candidate[], task: { requiredCapabilities: readonly string[] }, turn: number) => Candidate;

/** Why no agent could take a task: a short code for metrics, next to the sentence for people. */
export type UnroutableReason = 'no-capable-agent' | 'no-live-agent' | 'circuit-open' | 'at-capacity';

export type RouteDecision = { agent: Candidate } | { unroutable: string; reasonCode: UnroutableReason };
