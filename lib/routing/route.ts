import type { Candidate, RouteDecision, RoutingStrategy } from './types.js';

function hasAll(candidate: Candidate, required: readonly string[]): boolean {
  return required.every((cap) => candidate.capabilities.includes(cap));
}

/** A half-open circuit lets one trial task through: only while the agent has nothing in flight. */
function circuitAdmits(candidate: Candidate): boolean {
  return candidate.circuitState === 'closed' || (candidate.circuitState === 'half_open' && candidate.inFlight === 0);
}

/**
 * Routes one task: an agent that has every required capability, is alive, whose circuit admits work,
 * and has free capacity, chosen by `strategy`. When none qualifies, says which condition failed, so
 * the task's status tells a user why it is still pending.
 */
export function route(task: { requiredCapabilities: readonly string[] }, candidates: readonly Candidate[], strategy: RoutingStrategy, turn = 0): RouteDecision {
  const capable = candidates.filter((c) => hasAll(c, task.requiredCapabilities));
  const need = task.requiredCapabilities.length > 0 ? `[${task.requiredCapabilities.join(', ')}]` : 'no particular capability';
  if (capable.length === 0) return { unroutable: `no registered agent has ${need}`, reasonCode: 'no-capable-agent' };
  const alive = capable.filter((c) => c.alive);
  if (alive.length === 0) return { unroutable: `no agent with ${need} is alive (${capable.map((c) => c.name).join(', ')} stopped heartbeating)`, reasonCode: 'no-live-agent' };
  const admitted = alive.filter(circuitAdmits);
  if (admitted.length === 0) return { unroutable: `the circuit of every agent with ${need} is open (${alive.map((c) => c.name).join(', ')})`, reasonCode: 'circuit-open' };
  const free = admitted.filter((c) => c.inFlight < c.concurrency);
  if (free.length === 0) return { unroutable: `every agent with ${need} is at its concurrency limit`, reasonCode: 'at-capacity' };
  return { agent: strategy(free, task, turn) };
}
