import { setTimeout as sleep } from 'node:timers/promises';
import { traceIdOf } from '../kafka/traceparent.js';
import { taskLogger } from '../observability/index.js';
import { CIRCUIT_STATE_VALUE, taskMetrics } from '../observability/metrics.js';
import { TASK_STATUSES } from '../contracts/index.js';
import { halfOpenCooledCircuits, recordAgentOutcomes, type HalfOpenDeps, type OutcomeDeps } from './circuits.js';
import { dispatchPending, type DispatchDeps } from './dispatcher.js';
import { relayOutbox, sawBrokerOutage } from './outboxRelay.js';
import type { AgentRegistry, Capacity, Locks, Outbox, TaskRepository, WorkflowRepository } from './ports.js';
import { settleFailures } from './settleFailures.js';
import { afterAdvance, announceWorkflows, type AdvanceDeps } from './workflows.js';

/** How long after this process last met a broker outage an expired lease is put down to it. */
const BROKER_TROUBLE_WINDOW_MS = 60_000;

/** What a sweep calls: expiry and the in-flight truth, the workflows' repair, circuits, capacity, the outbox's backlog, and dispatch. */
export type SweepDeps = DispatchDeps &
  OutcomeDeps &
  HalfOpenDeps &
  AdvanceDeps & {
    tasks: Pick<TaskRepository, 'expire' | 'inFlightByAgent' | 'countByStatus'>;
    workflows: Pick<WorkflowRepository, 'repair'>;
    agents: Pick<AgentRegistry, 'list'>;
    inFlight: Pick<Capacity, 'rebuild'>;
    outbox: Pick<Outbox, 'backlog'>;
  };

/** What `maybeSweep` calls besides a sweep: the lock that lets one coordinator sweep per interval. */
export type MaybeSweepDeps = SweepDeps & { locks: Locks };

/** What `sweepWhileBusy` calls besides a sweep: whether work is left. */
export type SweepWhileBusyDeps = SweepDeps & { tasks: Pick<TaskRepository, 'workLeft'> };

export interface SweepResult {
  requeued: number;
  dead: number;
  halfOpened: string[];
  assigned: number;
  /** Outbox rows relayed by this sweep (messages a broker outage had held back). */
  relayed: number;
}

/**
 * The failover of the original system: tasks whose lease ran out (agent crashed, hung or timed out)
 * count a failed attempt and go back to pending — or to the dead letters when out of retries — in
 * one transaction; the agent's circuit hears of it, unless the assignment never reached it. Also
 * relays the outbox, moves on workflows whose step tasks ended without it (see WorkflowStore.repair),
 * half-opens cooled circuits, rebuilds Redis's in-flight sets from PostgreSQL,
 * and dispatches.
 */
export async function sweep(deps: SweepDeps, actor = 'coordination-sweeper'): Promise<SweepResult> {
  const relay = await relayOutbox(deps);
  const relayed = relay.sent;
  const { expired, settled, outboxIds, workflows } = await deps.tasks.expire(500, actor, settleFailures(deps.config.orchestration, actor), announceWorkflows);
  await relayOutbox(deps, { ids: outboxIds });
  await afterAdvance(deps, { ...workflows, outboxIds: [] });
  await afterAdvance(deps, await deps.workflows.repair(500, actor, announceWorkflows));
  const fate = new Map(settled.map((t) => [t.id, t.status]));
  let requeued = 0;
  let dead = 0;
  for (const task of expired) {
    const outcome = fate.get(task.id) === 'dead' ? 'dead-lettered' : 'requeued';
    if (outcome === 'requeued') {
      requeued += 1;
      taskMetrics.retried.inc({ type: task.type });
    } else {
      dead += 1;
      taskMetrics.deadLettered.inc({ type: task.type, code: task.error?.code ?? 'lease-expired' });
      taskMetrics.dlqRecords.inc({ function: 'coordination', reason: 'retries-exhausted' });
    }
    taskMetrics.failed.inc({ type: task.type, agent: task.assignedAgent ?? 'unknown', code: task.error?.code ?? 'lease-expired' });
    const log = taskLogger(deps.log, { taskId: task.id, agent: task.assignedAgent ?? 'unassigned', attempt: task.attempt, traceId: traceIdOf(task.traceparent) });
    log[outcome === 'dead-lettered' ? 'error' : 'warn']({ type: task.type, code: task.error?.code, undelivered: task.undelivered, outcome }, 'task lease expired');
  }
  // An assignment that never left the outbox is the broker's fault, not the agent's; so is any lease
  // that ran out while this coordinator could not reach the broker either (the agent's outcome could
  // not be published): blaming every agent for an outage would open every circuit at once.
  const brokerTrouble = relay.error !== undefined || sawBrokerOutage(BROKER_TROUBLE_WINDOW_MS);
  const blamed = brokerTrouble ? [] : expired.filter((t) => t.assignedAgent && !t.undelivered);
  if (brokerTrouble && expired.length > 0) deps.log.warn({ expired: expired.length }, 'leases ran out while Kafka was unreachable: no agent is blamed for them');
  await recordAgentOutcomes(deps, blamed.map((t) => ({ agent: t.assignedAgent!, success: false })));
  const halfOpened = await halfOpenCooledCircuits(deps);

  // PostgreSQL says what is really in flight: the sets drift when an agent dies holding slots, and vanish with Redis.
  const truth = await deps.tasks.inFlightByAgent();
  for (const agent of await deps.agents.list()) {
    await deps.inFlight.rebuild(agent.name, truth.get(agent.name) ?? [], 'replace');
    taskMetrics.circuitState.set({ agent: agent.name }, CIRCUIT_STATE_VALUE[agent.circuitState]);
  }
  await refreshStatusGauge(deps);
  const backlog = await deps.outbox.backlog();
  taskMetrics.outboxBacklog.set(backlog.count);
  taskMetrics.outboxOldestSeconds.set(backlog.oldestSeconds);

  const { assigned } = await dispatchPending(deps, { actor });
  return { requeued, dead, halfOpened, assigned, relayed };
}

/** `syntor_tasks_by_status`: one count per status, zero included, so a drained backlog shows as 0. */
async function refreshStatusGauge(deps: SweepDeps): Promise<void> {
  const counts = await deps.tasks.countByStatus();
  for (const status of TASK_STATUSES) taskMetrics.byStatus.set({ status }, counts.get(status) ?? 0);
}

/** Sweeps at most once per interval across all coordinators (a Redis lock), for callers on hot paths. */
export async function maybeSweep(deps: MaybeSweepDeps): Promise<SweepResult | undefined> {
  return (await deps.locks.claimSweep(deps.config.orchestration.sweepIntervalMs)) ? sweep(deps) : undefined;
}

/**
 * The scheduled sweeper's invocation: sweeps, and keeps sweeping every `SYNTOR_SWEEP_INTERVAL_MS`
 * while work is left, for up to `SYNTOR_SWEEP_REPEAT_MS` and while the invocation has time. A schedule fires once a minute at best
 * (EventBridge), and after an outage nothing else may come along to move a backlog on: no
 * submission, no completion, idle workers heartbeating once a minute. An idle system pays one sweep.
 */
export async function sweepWhileBusy(deps: SweepWhileBusyDeps, remainingMs: () => number, marginMs = 5_000): Promise<SweepResult & { sweeps: number }> {
  const { sweepIntervalMs: interval, sweepRepeatMs } = deps.config.orchestration;
  const until = Date.now() + sweepRepeatMs;
  const total: SweepResult & { sweeps: number } = { requeued: 0, dead: 0, halfOpened: [], assigned: 0, relayed: 0, sweeps: 0 };
  for (;;) {
    const result = await sweep(deps);
    total.sweeps += 1;
    total.requeued += result.requeued;
    total.dead += result.dead;
    total.assigned += result.assigned;
    total.relayed += result.relayed;
    total.halfOpened.push(...result.halfOpened);
    if (Date.now() + interval > until || remainingMs() < interval + marginMs || !(await deps.tasks.workLeft())) return total;
    await sleep(interval);
  }
}
