import type { TaskCompletePayload } from '../contracts/index.js';
import { traceIdOf } from '../kafka/traceparent.js';
import { taskLogger } from '../observability/index.js';
import { taskMetrics } from '../observability/metrics.js';
import type { StoredTask } from '../store/index.js';
import type { Deps } from './deps.js';
import { buryTask } from './deadLetters.js';
import { dispatchPending } from './dispatcher.js';
import { recordAgentOutcomes } from './circuits.js';
import { retryDelayMs, shouldRetry } from './retryPolicy.js';

/** An attempt's outcome with the trace context of the message it came in. */
export type CompletionRecord = TaskCompletePayload & { traceparent?: string };

/**
 * Records a batch of attempt outcomes. Duplicates and completions of an earlier attempt change
 * nothing; failures are retried with backoff or dead-lettered; freed capacity is dispatched at once.
 */
export async function recordCompletions(deps: Deps, completions: readonly CompletionRecord[], actor = 'coordination'): Promise<{ applied: number }> {
  const applied = await deps.batches.complete(
    completions.map((c) => ({
      taskId: c.taskId,
      attempt: c.attempt,
      outcome: c.outcome,
      ...(c.outcome === 'success' ? { result: c.result ?? null } : { error: c.error }),
    })),
    actor,
  );
  if (applied.length === 0) return { applied: 0 };
  recordOutcomeMetrics(applied, completions);

  const freed = new Map<string, number>();
  for (const t of applied) if (t.assignedAgent) freed.set(t.assignedAgent, (freed.get(t.assignedAgent) ?? 0) + 1);
  await Promise.all([...freed].map(([agent, count]) => deps.inFlight.releaseMany(agent, count)));
  // A task refused for its own bad input says nothing about the agent's health: only retriable failures count.
  await recordAgentOutcomes(
    deps,
    applied.filter((t) => t.assignedAgent).map((t) => ({ agent: t.assignedAgent!, success: t.status === 'completed' || t.error?.retriable === false })),
  );

  const traceparents = new Map(completions.map((c) => [c.taskId, c.traceparent]));
  for (const task of applied.filter((t) => t.status === 'failed')) {
    const log = taskLogger(deps.log, { taskId: task.id, agent: task.assignedAgent ?? actor, attempt: task.attempt, traceId: traceIdOf(traceparents.get(task.id)) });
    const error = task.error && { code: task.error.code, retriable: task.error.retriable };
    if (shouldRetry(task, task.error)) {
      const delayMs = retryDelayMs(task.retryCount, deps.config.orchestration);
      await deps.tasks.transition(task.id, {
        to: 'pending',
        from: ['failed'],
        actor,
        changes: { countRetry: true, assignedAgent: null, availableAt: new Date(Date.now() + delayMs) },
        detail: { retry: task.retryCount + 1 },
      });
      taskMetrics.retried.inc({ type: task.type });
      log.warn({ type: task.type, error, retry: task.retryCount + 1, maxRetries: task.maxRetries, delayMs }, 'task retried');
    } else if (await buryTask(deps, task, task.error, actor)) {
      log.error({ type: task.type, error, retryCount: task.retryCount }, 'task dead-lettered');
    }
  }
  await dispatchPending(deps, { actor });
  return { applied: applied.length };
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
