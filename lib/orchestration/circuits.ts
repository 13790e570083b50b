import { CIRCUIT_STATE_VALUE, taskMetrics } from '../observability/metrics.js';
import type { AgentRegistry, Ports } from './ports.js';
import { publishSystemEvents, type PublishDeps } from './systemEvents.js';

/** What recording outcomes calls: the registry's failure counts and circuits, and the system events. */
export type OutcomeDeps = PublishDeps & Pick<Ports, 'config'> & { agents: Pick<AgentRegistry, 'recordOutcomes' | 'setCircuit'> };

/** What half-opening calls: the registry's cooled circuits, and the system events. */
export type HalfOpenDeps = PublishDeps & Pick<Ports, 'config'> & { agents: Pick<AgentRegistry, 'halfOpenCooled'> };

/**
 * Counts consecutive failures per agent: at the threshold its circuit opens (no new work); a success
 * closes a half-open circuit. The sweeper moves open circuits to half-open after the cool-down.
 */
export async function recordAgentOutcomes(deps: OutcomeDeps, outcomes: readonly { agent: string; success: boolean }[]): Promise<void> {
  const { circuitThreshold } = deps.config.orchestration;
  // One update per agent per batch: what counts is whether it succeeded at all, and the failures since.
  const perAgent = new Map<string, { succeeded: boolean; trailingFailures: number }>();
  for (const { agent, success } of outcomes) {
    const entry = perAgent.get(agent) ?? { succeeded: false, trailingFailures: 0 };
    if (success) Object.assign(entry, { succeeded: true, trailingFailures: 0 });
    else entry.trailingFailures += 1;
    perAgent.set(agent, entry);
  }
  const events = [];
  for (const [agent, { succeeded, trailingFailures }] of perAgent) {
    const failures = await deps.agents.recordOutcomes(agent, succeeded, trailingFailures);
    if (succeeded && trailingFailures === 0) {
      if (await deps.agents.setCircuit(agent, 'closed', ['half_open'])) {
        taskMetrics.circuitState.set({ agent }, CIRCUIT_STATE_VALUE.closed);
        events.push({ event: 'circuit.closed' as const, subject: agent });
      }
    } else if (failures !== undefined && failures >= circuitThreshold) {
      if (await deps.agents.setCircuit(agent, 'open', ['closed', 'half_open'])) {
        taskMetrics.circuitState.set({ agent }, CIRCUIT_STATE_VALUE.open);
        events.push({ event: 'circuit.opened' as const, subject: agent, severity: 'warning' as const, details: { consecutiveFailures: failures } });
      }
    }
  }
  await publishSystemEvents(deps, events);
}

/** Open circuits whose cool-down has passed let one trial task through. */
export async function halfOpenCooledCircuits(deps: HalfOpenDeps): Promise<string[]> {
  const names = await deps.agents.halfOpenCooled(deps.config.orchestration.circuitCooldownMs);
  for (const name of names) taskMetrics.circuitState.set({ agent: name }, CIRCUIT_STATE_VALUE.half_open);
  await publishSystemEvents(deps, names.map((name) => ({ event: 'circuit.half_opened' as const, subject: name })));
  return names;
}
