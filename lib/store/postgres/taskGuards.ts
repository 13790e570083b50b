import { sourcesOf, TERMINAL_STATUSES, type TaskStatus } from '../../contracts/index.js';

const both = (a: readonly TaskStatus[], b: readonly TaskStatus[]): TaskStatus[] => a.filter((s) => b.includes(s));

/**
 * The status guards of the task repository's SQL, each derived from TASK_TRANSITIONS
 * (lib/contracts/lifecycle.ts), so the lifecycle has one rule (issue #14). Each is passed to its
 * statement as a `$n::text[]` parameter and compared with `= ANY(...)`.
 */

/** What dispatch claims and assigns: the sources of `assigned` (pending). */
export const CLAIMABLE: readonly TaskStatus[] = sourcesOf('assigned');

/** What a 'running' heartbeat starts: the sources of `running` (assigned). */
export const STARTABLE: readonly TaskStatus[] = sourcesOf('running');

/**
 * An attempt in progress, holding a lease (assigned, running): what can end as completed or failed.
 * An expired lease fails these, a heartbeat extends their lease, and they are an agent's in-flight work.
 */
export const IN_FLIGHT: readonly TaskStatus[] = both(sourcesOf('completed'), sourcesOf('failed'));

/** A failed attempt awaiting its settlement, retry or dead letter: the sources of `dead` (failed). */
export const UNSETTLED: readonly TaskStatus[] = sourcesOf('dead');

/** What a redrive brings back to pending: the ended statuses `pending` is reachable from (dead). */
export const REDRIVABLE: readonly TaskStatus[] = both(sourcesOf('pending'), TERMINAL_STATUSES);

/** What a workflow's cancellation ends: the sources of `cancelled` (pending, assigned, running). */
export const CANCELLABLE: readonly TaskStatus[] = sourcesOf('cancelled');

/** Work a sweep still has to move on: claimable or in flight (a failed task is settled in the transaction that failed it). */
export const UNFINISHED: readonly TaskStatus[] = [...CLAIMABLE, ...IN_FLIGHT];

/** Where a step's task has ended for good. */
export const ENDED: readonly TaskStatus[] = TERMINAL_STATUSES;

/**
 * Every guarded move of the repository: the statuses it moves from and the statuses it moves to.
 * The unit test test/unit/store/taskGuards.test.ts checks each `from` is a legal source of each `to`.
 */
export const TASK_GUARDS: Readonly<Record<string, { from: readonly TaskStatus[]; to: readonly TaskStatus[] }>> = {
  dispatch: { from: CLAIMABLE, to: ['assigned'] },
  start: { from: STARTABLE, to: ['running'] },
  complete: { from: IN_FLIGHT, to: ['completed', 'failed'] },
  expire: { from: IN_FLIGHT, to: ['failed'] },
  retry: { from: UNSETTLED, to: ['pending'] },
  bury: { from: UNSETTLED, to: ['dead'] },
  redrive: { from: REDRIVABLE, to: ['pending'] },
  cancelSteps: { from: CANCELLABLE, to: ['cancelled'] },
};
