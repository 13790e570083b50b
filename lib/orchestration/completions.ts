import type { TaskCompletePayload } from '../contracts/index.js';
import { traceIdOf } from '../kafka/traceparent.js';
import { taskLogger } from '../observability/index.js';
import { taskMetrics } from '../observability/metrics.js';
import type { StoredTask } from '../store/index.js';
import { dispatchPending, type DispatchDeps } from './dispatcher.js';
import { recordAgentOutcomes, type OutcomeDeps } from './circuits.js';
import { relayOutbox } from './outboxRelay.js';
import type { Capacity, TaskRepository } from './ports.js';
import { settleFailures } from './settleFailures.js';
import { afterAdvance, announceWorkflows, type AdvanceDeps } from './workflows.js';

/** An attempt's outcome with the trace context of the message it came in. */
export type CompletionRecord = TaskCompletePayload & { traceparent?: string };

/** What recording completions calls: the repository's completion, capacity given back, circuits, and dispatch. */
export type CompletionDeps = DispatchDeps &
  OutcomeDeps &
  AdvanceDeps & {
    tasks: Pick<TaskRepository, 'complete'>;
    inFlight: Pick<Capacity, 'release'>;
  };

/**
 * Records a batch of attempt outcomes. Duplicates and completions of an earlier attempt change
 * nothing; failures are retried with backoff or dead-lettered, and the workflows of the steps that
 * ended move on (their next steps' tasks created), all in the same transaction; then the
 * freed capacity is given back and dispatched at once. What follows the commit only concerns the
 * cache (Redis) and the messages (outbox): if it fails, the sweeper repairs the one and the next
 * relay sends the other, so nothing of the task's fate is lost.
 */
export async function recordCompletions(deps: CompletionDeps, completions: readonly CompletionRecord[], actor = 'coordination'): Promise<{ applied: number }> {
  const { applied, settled, outboxIds, workflows } = await deps.tasks.complete(
    completions.map((c) => ({
      taskId: c.taskId,
      attempt: c.attempt,
      agent: c.agent,
      outcome: c.outcome,
      ...(c.outcome === 'success' ? { result: c.result ?? null } : { error: c.error }),
    })),
    actor,
    settleFailures(deps.config.orchestration, actor),
    announceWorkflows,
  );
  if (applied.length > 0) {
    recordOutcomeMetrics(applied, completions);
    logSettlements(deps, applied, settled, completions, actor);
    await afterCommit(deps, applied);
  }
  await relayOutbox(deps, { ids: outboxIds });
  await afterAdvance(deps, { ...workflows, outboxIds: [] });
  await dispatchPending(deps, { actor });
  return { applied: applied.length };
}

async function afterCommit(deps: CompletionDeps, applied: readonly StoredTask[]): Promise<void> {
  const freed = new Map<string, string[]>();
  for (const t of applied) if (t.assignedAgent) freed.set(t.assignedAgent, [...(freed.get(t.assignedAgent) ?? []), t.id]);
  await Promise.all([...freed].map(([agent, ids]) => deps.inFlight.release(agent, ids)));
  // A task refused for its own bad input says nothing about the agent's health: only retriable failures count.
  await recordAgentOutcomes(
    deps,
    applied.filter((t) => t.assignedAgent).map((t) => ({ agent: t.assignedAgent!, success: t.status === 'completed' || t.error?.retriable === false })),
  );
}

function logSettlements(deps: Pick<CompletionDeps, 'log'>, applied: readonly StoredTask[], settled: readonly StoredTask[], completions: readonly CompletionRecord[], actor: string): void {
  const traceparents = new Map(completions.map((c) => [c.taskId, c.traceparent]));
  const failed = new Map(applied.map((t) => [t.id, t]));
  for (const task of settled) {
    const attempt = failed.get(task.id);
    const log = taskLogger(deps.log, { taskId: task.id, agent: attempt?.assignedAgent ?? actor, attempt: task.attempt, traceId: traceIdOf(traceparents.get(task.id)) });
    const error = attempt?.error && { code: attempt.error.code, retriable: attempt.error.retriable };
    if (task.status === 'pending') {
      taskMetrics.retried.inc({ type: task.type });
      log.warn({ type: task.type, error, retry: task.retryCount, maxRetries: task.maxRetries, availableAt: task.availableAt }, 'task retried');
    } else {
      taskMetrics.deadLettered.inc({ type: task.type, code: attempt?.error?.code ?? 'unknown' });
      taskMetrics.dlqRecords.inc({ function: 'coordination', reason: attempt?.error?.retriable === false ? 'task-rejected' : 'retries-exhausted' });
      log.error({ type: task.type, error, retryCount: task.retryCount }, 'task dead-lettered');
    }
  }
}

function recordOutcomeMetrics(applied: readonly StoredTask[], completions: readonly CompletionRecord[]): void {
  const reported = new Map(completions.map((c) => [c.taskId, c]));
  for (const task of applied) {
    const agent = task.assignedAgent ?? 'unknown';
    const success = task.status === 'completed';
    const durationMs = reported.get(task.id)?.durationMs;
    if (durationMs !== undefined) taskMetrics.duration.observe({ type: task.type, agent, outcome: success ? 'success' : 'failure' }, durationMs / 1000);
    if (success) taskMetrics.completed.inc({ type: task.type, agent });
    else taskMetrics.failed.inc({ type: task.type, agent, code: task.error?.code ?? 'unknown' });
  }
}
