import type pg from 'pg';
import { completeTasks, expireTasks } from './attemptOutcomes.js';
import type { Completion } from './completeAttempts.js';
import { createTasks, type TracedSubmission } from './createTasks.js';
import { inFlightByAgent, type DispatchReader } from './dispatchReader.js';
import { dispatchTasks, type DispatchDecision, type DispatchOutcome } from './dispatchTasks.js';
import type { OutboxRecord } from './outbox.js';
import { redriveTask } from './redriveTask.js';
import type { Settle } from './settlement.js';
import { taskQueries } from './taskQueries.js';
import type { StoredTask } from './taskRows.js';
import { touchTasks, type StatusUpdate } from './touchTasks.js';
import { transitionTask, type TransitionRequest } from './transitionTask.js';
import type { AnnounceWorkflows } from './workflows/advanceWorkflows.js';

/**
 * The one task repository: tasks and their append-only history in PostgreSQL, the source of truth
 * of the task lifecycle. Every move is one set-based, conditional statement whose status guard comes
 * from TASK_TRANSITIONS (see taskGuards.ts), and every applied move is appended to the history in
 * the same transaction. Submissions come parsed (`taskSubmissionSchema` at the edge, issue #14).
 *
 * @example
 * const tasks = createTaskRepository(pool);
 * const [{ task }] = await tasks.createMany([taskSubmissionSchema.parse({ type: 'compute' })], 'api');
 * await tasks.transition(task.id, { to: 'cancelled', actor: 'api', changes: { leaseExpiresAt: null } });
 */
export function createTaskRepository(pool: pg.Pool) {
  return {
    ...taskQueries(pool),

    /** Inserts parsed submissions as pending tasks; see createTasks. */
    createMany: (submissions: readonly TracedSubmission[], actor: string, submitter?: string) => createTasks(pool, submissions, actor, submitter),

    /** Claims, routes and assigns due pending tasks in one transaction; see dispatchTasks. */
    dispatch: (
      limit: number,
      decide: (tasks: StoredTask[], reader: DispatchReader) => Promise<DispatchDecision[]>,
      actor: string,
      announce?: (outcome: Omit<DispatchOutcome, 'outboxIds'>) => OutboxRecord[],
    ) => dispatchTasks(pool, limit, decide, actor, announce),

    /** Records attempt outcomes, settles the failed ones, moves workflows on; see completeTasks. */
    complete: (completions: readonly Completion[], actor: string, settle: Settle, announce?: AnnounceWorkflows) => completeTasks(pool, completions, actor, settle, announce),

    /** Applies status heartbeats; see touchTasks. */
    touch: (updates: readonly StatusUpdate[], graceMs: number, actor: string) => touchTasks(pool, updates, graceMs, actor),

    /** Fails and settles the attempts whose lease ran out; see expireTasks. */
    expire: (limit: number, actor: string, settle: Settle, announce?: AnnounceWorkflows) => expireTasks(pool, limit, actor, settle, announce),

    /** A dead task back to pending; see redriveTask. */
    redrive: (letterId: string, taskId: string, actor: string, announce: OutboxRecord[]) => redriveTask(pool, letterId, taskId, actor, announce),

    /** One task's move, conditional on its state and attempt (the API's cancel); see transitionTask. */
    transition: (taskId: string, request: TransitionRequest) => transitionTask(pool, taskId, request),

    /** The tasks in flight per agent: the truth Redis's in-flight sets are rebuilt from. */
    inFlightByAgent: () => inFlightByAgent(pool),
  };
}

export type PostgresTaskRepository = ReturnType<typeof createTaskRepository>;
