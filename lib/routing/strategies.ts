import type { Candidate, RoutingStrategy, RoutingStrategyName } from './types.js';

const load = (c: Candidate) => c.inFlight / c.concurrency;
const byName = (a: Candidate, b: Candidate) => a.name.localeCompare(b.name);

/** The agent with the smallest share of its capacity in use; ties go to the name, so choices are stable. */
export const leastLoaded: RoutingStrategy = (eligible) => [...eligible].sort((a, b) => load(a) - load(b) || byName(a, b))[0]!;

/** Takes turns among the eligible agents; `turn` is a counter shared by all coordinators (Redis). */
export const roundRobin: RoutingStrategy = (eligible, _task, turn) => {
  const sorted = [...eligible].sort(byName);
  return sorted[turn % sorted.length]!;
};

/**
 * Prefers specialists: the agent with the fewest capabilities beyond those the task needs keeps the
 * generalists free for tasks only they can run; ties go to the least loaded.
 */
export const capabilityScore: RoutingStrategy = (eligible, task) => {
  const extra = (c: Candidate) => c.capabilities.filter((cap) => !task.requiredCapabilities.includes(cap)).length;
  return [...eligible].sort((a, b) => extra(a) - extra(b) || load(a) - load(b) || byName(a, b))[0]!;
};

export const STRATEGIES: Readonly<Record<RoutingStrategyName, RoutingStrategy>> = {
  'least-loaded': leastLoaded,
  'round-robin': roundRobin,
  'capability-score': capabilityScore,
};
