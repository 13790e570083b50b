import { CIRCUIT_STATE_VALUE, taskMetrics } from '../observability/metrics.js';
import type { Deps } from './deps.js';
import { publishSystemEvents } from './systemEvents.js';

/**
 * Counts consecutive failures per agent: at the threshold its circuit opens (no new work); a success
 * closes a half-open circuit. The sweeper moves open circuits to half-open after the cool-down.
 */
export async function recordAgentOutcomes(deps: Deps, outcomes: readonly { agent: string; success: boolean }[]): Promise<void> {
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
export async function halfOpenCooledCircuits(deps: Deps): Promise<string[]> {
  const { rows } = await deps.pool.query<{ name: string }>(
    `UPDATE agents SET circuit_state = 'half_open', circuit_changed_at = now()
     WHERE circuit_state = 'open' AND circuit_changed_at < now() - $1::int * interval '1 millisecond' RETURNING name`,
    [deps.config.orchestration.circuitCooldownMs],
  );
  for (const { name } of rows) taskMetrics.circuitState.set({ agent: name }, CIRCUIT_STATE_VALUE.half_open);
  await publishSystemEvents(deps, rows.map((r) => ({ event: 'circuit.half_opened' as const, subject: r.name })));
  return rows.map((r) => r.name);
}
