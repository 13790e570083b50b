import { traceIdOf } from '../kafka/traceparent.js';
import { taskLogger } from '../observability/index.js';
import { CIRCUIT_STATE_VALUE, taskMetrics } from '../observability/metrics.js';
import { TASK_STATUSES, type TaskStatus } from '../contracts/index.js';
import type { Deps } from './deps.js';
import { halfOpenCooledCircuits, recordAgentOutcomes } from './circuits.js';
import { buryTask } from './deadLetters.js';
import { dispatchPending } from './dispatcher.js';
import { retryDelayMs } from './retryPolicy.js';
import { publishSystemEvents } from './systemEvents.js';

export interface SweepResult {
  requeued: number;
  dead: number;
  halfOpened: string[];
  assigned: number;
}

/**
 * The failover of the original system: tasks whose lease ran out (agent crashed, hung or timed out)
 * count a failed attempt and go back to pending — or to the dead letters when out of retries; the
 * agent's circuit hears of it. Also half-opens cooled circuits, reconciles in-flight counters with
 * PostgreSQL, and dispatches.
 */
export async function sweep(deps: Deps, actor = 'coordination-sweeper'): Promise<SweepResult> {
  const expired = await deps.batches.expiredLeases(500);
  let requeued = 0;
  let dead = 0;
  const outcomes: { agent: string; success: boolean }[] = [];
  for (const task of expired) {
    const error = { code: 'lease-expired', message: `no word from ${task.assignedAgent ?? 'the agent'} before the lease ran out`, retriable: true };
    const failed = await deps.tasks.transition(task.id, { to: 'failed', from: ['assigned', 'running'], attempt: task.attempt, actor, changes: { error, leaseExpiresAt: null } });
    if (!failed.applied) continue; // completed or swept by someone else meanwhile
    if (task.assignedAgent) outcomes.push({ agent: task.assignedAgent, success: false });
    taskMetrics.failed.inc({ type: task.type, agent: task.assignedAgent ?? 'unknown', code: error.code });
    const log = taskLogger(deps.log, { taskId: task.id, agent: task.assignedAgent ?? 'unassigned', attempt: task.attempt, traceId: traceIdOf(task.traceparent) });
    await publishSystemEvents(deps, [{ event: 'task.lease_expired', subject: task.id, severity: 'warning', details: { agent: task.assignedAgent, attempt: task.attempt } }]);
    if (failed.task.retryCount < failed.task.maxRetries) {
      await deps.tasks.transition(task.id, {
        to: 'pending', from: ['failed'], actor,
        changes: { countRetry: true, assignedAgent: null, availableAt: new Date(Date.now() + retryDelayMs(failed.task.retryCount, deps.config.orchestration)) },
        detail: { failover: true },
      });
      requeued += 1;
      taskMetrics.retried.inc({ type: task.type });
      log.warn({ type: task.type, leaseExpiresAt: task.leaseExpiresAt, outcome: 'requeued', retry: failed.task.retryCount + 1 }, 'task lease expired');
    } else if (await buryTask(deps, failed.task, error, actor)) {
      dead += 1;
      log.error({ type: task.type, leaseExpiresAt: task.leaseExpiresAt, outcome: 'dead-lettered' }, 'task lease expired');
    }
  }
  await recordAgentOutcomes(deps, outcomes);
  const halfOpened = await halfOpenCooledCircuits(deps);

  // Counters drift when an agent dies holding slots; PostgreSQL says what is really in flight.
  const truth = await deps.batches.inFlightByAgent();
  const agents = await deps.agents.list();
  for (const agent of agents) {
    await deps.inFlight.reset(agent.name, truth.get(agent.name) ?? 0);
    taskMetrics.circuitState.set({ agent: agent.name }, CIRCUIT_STATE_VALUE[agent.circuitState]);
  }
  await refreshStatusGauge(deps);

  const { assigned } = await dispatchPending(deps, { actor });
  return { requeued, dead, halfOpened, assigned };
}

/** `syntor_tasks_by_status`: one count per status, zero included, so a drained backlog shows as 0. */
async function refreshStatusGauge(deps: Deps): Promise<void> {
  const { rows } = await deps.pool.query<{ status: TaskStatus; count: string }>('SELECT status, count(*) AS count FROM tasks GROUP BY status');
  const counts = new Map(rows.map((r) => [r.status, Number(r.count)]));
  for (const status of TASK_STATUSES) taskMetrics.byStatus.set({ status }, counts.get(status) ?? 0);
}

/** Sweeps at most once per interval across all coordinators (a Redis lock), for callers on hot paths. */
export async function maybeSweep(deps: Deps): Promise<SweepResult | undefined> {
  const claimed = await deps.redis.set('sweep:lock', '1', 'PX', deps.config.orchestration.sweepIntervalMs, 'NX');
  return claimed === 'OK' ? sweep(deps) : undefined;
}
