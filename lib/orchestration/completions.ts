import type { TaskCompletePayload } from '../contracts/index.js';
import type { Deps } from './deps.js';
import { buryTask } from './deadLetters.js';
import { dispatchPending } from './dispatcher.js';
import { recordAgentOutcomes } from './circuits.js';
import { retryDelayMs, shouldRetry } from './retryPolicy.js';

/**
 * Records a batch of attempt outcomes. Duplicates and completions of an earlier attempt change
 * nothing; failures are retried with backoff or dead-lettered; freed capacity is dispatched at once.
 */
export async function recordCompletions(deps: Deps, completions: readonly TaskCompletePayload[], actor = 'coordination'): Promise<{ applied: number }> {
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

  const freed = new Map<string, number>();
  for (const t of applied) if (t.assignedAgent) freed.set(t.assignedAgent, (freed.get(t.assignedAgent) ?? 0) + 1);
  await Promise.all([...freed].map(([agent, count]) => deps.inFlight.releaseMany(agent, count)));
  // A task refused for its own bad input says nothing about the agent's health: only retriable failures count.
  await recordAgentOutcomes(
    deps,
    applied.filter((t) => t.assignedAgent).map((t) => ({ agent: t.assignedAgent!, success: t.status === 'completed' || t.error?.retriable === false })),
  );

  for (const task of applied.filter((t) => t.status === 'failed')) {
    if (shouldRetry(task, task.error)) {
      await deps.tasks.transition(task.id, {
        to: 'pending',
        from: ['failed'],
        actor,
        changes: { countRetry: true, assignedAgent: null, availableAt: new Date(Date.now() + retryDelayMs(task.retryCount, deps.config.orchestration)) },
        detail: { retry: task.retryCount + 1 },
      });
    } else {
      await buryTask(deps, task, task.error, actor);
    }
  }
  await dispatchPending(deps, { actor });
  return { applied: applied.length };
}
