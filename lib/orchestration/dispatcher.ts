import { createMessage, type PayloadInput } from '../contracts/index.js';
import { taskMetrics } from '../observability/metrics.js';
import { TraceContext } from '../observability/traceContext.js';
import { route, STRATEGIES, type Candidate } from '../routing/index.js';
import type { DispatchDecision, DispatchOutcome, DispatchReader, OutboxRecord, StoredTask } from '../store/index.js';
import { loadCandidates, type CandidateDeps } from './candidates.js';
import { outboxRecord } from './outboxRecord.js';
import { relaySoon, type RelayDeps } from './outboxRelay.js';
import type { Capacity, RoutingTurns, TaskRepository } from './ports.js';
import { systemEventRecords } from './systemEvents.js';
import { createLimitGate, limitedTypes } from './taskLimits.js';

/** What dispatch calls: the task repository's dispatch, capacity, the routing turn, and the relay for the assignments. */
export type DispatchDeps = CandidateDeps &
  RelayDeps & {
    tasks: Pick<TaskRepository, 'dispatch'>;
    inFlight: Pick<Capacity, 'acquire' | 'rebuild'>;
    turns: RoutingTurns;
  };

export interface DispatchResult {
  assigned: number;
  unroutable: number;
}

/**
 * Sends due pending tasks to agents: claims a batch in priority-then-age order (SKIP LOCKED, so
 * several coordinators can dispatch at once), routes each, takes a slot of the agent's capacity in
 * Redis, marks the task assigned with a lease and writes its assignment to the outbox in the same
 * transaction; the assignments are relayed to Kafka right after the commit.
 * A task no agent can take stays pending with the reason in its status and a system event.
 */
export async function dispatchPending(deps: DispatchDeps, options: { limit?: number; actor?: string } = {}): Promise<DispatchResult> {
  const { orchestration } = deps.config;
  const strategy = STRATEGIES[orchestration.routingStrategy];
  let total: DispatchResult = { assigned: 0, unroutable: 0 };
  // Keep claiming while whole batches get assigned: a backlog drains in one call.
  for (;;) {
    const limit = options.limit ?? 500;
    let candidates: Candidate[] | undefined;
    const result = await deps.tasks.dispatch(
      limit,
      async (tasks, reader) => {
        candidates ??= await loadCandidates(deps, reader);
        const limited = limitedTypes(orchestration.taskLimits, tasks.map((t) => t.type));
        const gate = createLimitGate(orchestration.taskLimits, limited.length > 0 ? await reader.limitUsage(limited) : new Map());
        const turn = orchestration.routingStrategy === 'round-robin' ? await deps.turns.advance(tasks.length) : 0;
        const decisions: DispatchDecision[] = [];
        const wanted = new Map<string, { agent: Candidate; taskIds: string[] }>();
        for (const [i, task] of tasks.entries()) {
          const held = gate.heldBy(task);
          if (held !== undefined) {
            decisions.push({ taskId: task.id, unroutable: held.reason, heldForMs: held.waitMs });
            taskMetrics.unroutable.inc({ type: task.type, reason: 'limited' });
            continue;
          }
          const decision = route(task, candidates, strategy, turn + i);
          if ('unroutable' in decision) {
            decisions.push({ taskId: task.id, unroutable: decision.unroutable });
            taskMetrics.unroutable.inc({ type: task.type, reason: decision.reasonCode });
            continue;
          }
          // Count locally so this batch respects capacity; Redis settles it across coordinators below.
          decision.agent.inFlight += 1;
          gate.admit(task);
          const entry = wanted.get(decision.agent.name) ?? { agent: decision.agent, taskIds: [] };
          entry.taskIds.push(task.id);
          wanted.set(decision.agent.name, entry);
        }
        const byId = new Map(tasks.map((t) => [t.id, t]));
        for (const { agent, taskIds } of wanted.values()) {
          // One Redis step per agent: the slots other coordinators took meanwhile are not handed out twice.
          const granted = new Set(await acquireSlots(deps, reader, agent, taskIds));
          for (const taskId of taskIds) {
            const task = byId.get(taskId)!;
            if (!granted.has(taskId)) taskMetrics.unroutable.inc({ type: task.type, reason: 'at-capacity' });
            decisions.push(
              granted.has(taskId)
                ? { taskId, agent: agent.name, leaseMs: task.timeoutMs + orchestration.leaseGraceMs }
                : { taskId, unroutable: `every agent with [${task.requiredCapabilities.join(', ')}] is at its concurrency limit` },
            );
          }
          if (granted.size < taskIds.length) agent.inFlight = agent.concurrency;
        }
        return decisions;
      },
      options.actor ?? 'coordination',
      announce,
    );
    await relaySoon(deps, result.outboxIds);
    recordDispatch(orchestration.routingStrategy, result.assigned, result.unroutable.length);
    total = { assigned: total.assigned + result.assigned.length, unroutable: total.unroutable + result.unroutable.length };
    // Tasks held by their limits are no longer due, so the next claim reaches those behind them.
    const stuck = result.unroutable.filter((u) => !u.held).length;
    if (result.assigned.length + result.unroutable.length < limit || stuck > 0) return total;
  }
}

function recordDispatch(strategy: string, assigned: readonly StoredTask[], unroutable: number): void {
  const now = Date.now();
  for (const task of assigned) {
    taskMetrics.dispatched.inc({ type: task.type, agent: task.assignedAgent! });
    taskMetrics.routingDecisions.inc({ strategy, agent: task.assignedAgent! });
    taskMetrics.queueWait.observe({ type: task.type }, Math.max(0, now - Date.parse(task.availableAt)) / 1000);
  }
  if (unroutable > 0) taskMetrics.routingDecisions.inc({ strategy, agent: 'none' }, unroutable);
}

/**
 * The assignments and unroutable-task events of a dispatch, as outbox rows written in its
 * transaction: each assignment in a `dispatch` span of its task's trace (the submission's context).
 */
function announce({ assigned, unroutable }: Omit<DispatchOutcome, 'outboxIds'>): OutboxRecord[] {
  const records = assigned.map((task) =>
    TraceContext.fromTraceparent(task.traceparent).span(
      'dispatch',
      { attributes: { 'syntor.task.id': task.id, 'syntor.task.type': task.type, 'syntor.task.attempt': task.attempt, 'syntor.agent': task.assignedAgent! } },
      (trace) => outboxRecord(assignmentOf(task), { key: task.id, trace, task: { id: task.id, attempt: task.attempt } }),
    ),
  );
  const events = unroutable
    // A task waiting on its type's limits is as asked, not a problem to announce.
    .filter((u) => u.changed && !u.held)
    .map((u): PayloadInput<'system.event'> => ({ event: 'task.unroutable', subject: u.task.id, severity: 'warning', details: { reason: u.reason, type: u.task.type } }));
  return [...records, ...systemEventRecords(events)];
}

function assignmentOf(task: StoredTask) {
  return createMessage(
    'task.assign',
    {
      task: {
        id: task.id,
        type: task.type,
        priority: task.priority,
        requiredCapabilities: task.requiredCapabilities,
        payload: task.payload,
        timeoutMs: task.timeoutMs,
        maxRetries: task.maxRetries,
      },
      attempt: task.attempt,
      agent: task.assignedAgent!,
      leaseExpiresAt: task.leaseExpiresAt!,
    },
    { source: 'coordination', target: task.assignedAgent! },
  );
}

/**
 * Takes the agent's slots for these tasks. A set Redis lost (restart, flush) is rebuilt from
 * PostgreSQL first — through this transaction's reader — so a lost cache never reads as free capacity.
 */
async function acquireSlots(deps: DispatchDeps, reader: Pick<DispatchReader, 'inFlightByAgent'>, agent: Candidate, taskIds: string[]): Promise<string[]> {
  const taken = await deps.inFlight.acquire(agent.name, taskIds, agent.concurrency);
  if (taken !== undefined) return taken;
  const truth = await reader.inFlightByAgent();
  await deps.inFlight.rebuild(agent.name, truth.get(agent.name) ?? [], 'union');
  return (await deps.inFlight.acquire(agent.name, taskIds, agent.concurrency)) ?? [];
}
