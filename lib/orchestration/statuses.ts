import type { TaskStatusPayload } from '../contracts/index.js';
import { relayBacklog, type RelayDeps } from './outboxRelay.js';
import type { Ports, TaskRepository } from './ports.js';

/** What recording statuses calls: the repository's lease extension, and the relay it carries along. */
export type StatusDeps = RelayDeps & Pick<Ports, 'config'> & { tasks: Pick<TaskRepository, 'touch'> };

/**
 * Status heartbeats extend their task's lease; the first 'running' moves it assigned → running.
 * They flow while work runs, so they also carry the outbox's backlog along.
 */
export async function recordStatuses(deps: StatusDeps, statuses: readonly TaskStatusPayload[]): Promise<{ extended: number }> {
  const { extended } = await deps.tasks.touch(
    statuses.map((s) => ({ taskId: s.taskId, attempt: s.attempt, state: s.state, ...(s.progress === undefined ? {} : { progress: s.progress }) })),
    deps.config.orchestration.leaseGraceMs,
    'coordination',
  );
  await relayBacklog(deps);
  return { extended };
}
