import type { TaskStatusPayload } from '../contracts/index.js';
import type { Deps } from './deps.js';

/** Status heartbeats extend their task's lease; the first 'running' moves it assigned → running. */
export async function recordStatuses(deps: Deps, statuses: readonly TaskStatusPayload[]): Promise<{ extended: number }> {
  const { extended } = await deps.batches.touch(
    statuses.map((s) => ({ taskId: s.taskId, attempt: s.attempt, state: s.state, ...(s.progress === undefined ? {} : { progress: s.progress }) })),
    deps.config.orchestration.leaseGraceMs,
    'coordination',
  );
  return { extended };
}
