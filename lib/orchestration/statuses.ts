import type { TaskStatusPayload } from '../contracts/index.js';
import type { Deps } from './deps.js';
import { relayBacklog } from './outboxRelay.js';

/**
 * Status heartbeats extend their task's lease; the first 'running' moves it assigned → running.
 * They flow while work runs, so they also carry the outbox's backlog along.
 */
export async function recordStatuses(deps: Deps, statuses: readonly TaskStatusPayload[]): Promise<{ extended: number }> {
  const { extended } = await deps.batches.touch(
    statuses.map((s) => ({ taskId: s.taskId, attempt: s.attempt, state: s.state, ...(s.progress === undefined ? {} : { progress: s.progress }) })),
    deps.config.orchestration.leaseGraceMs,
    'coordination',
  );
  await relayBacklog(deps);
  return { extended };
}
