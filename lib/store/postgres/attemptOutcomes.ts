import type pg from 'pg';
import { completeAttempts, type Completion } from './completeAttempts.js';
import { expireLeases } from './expireLeases.js';
import { inTransaction } from './pool.js';
import type { Settle } from './settlement.js';
import type { StoredTask } from './taskRows.js';
import { advanceWorkflows, NO_ANNOUNCEMENTS, type AnnounceWorkflows } from './workflows/advanceWorkflows.js';

/** The tasks a batch ended for good: completed, or dead after settling. */
const endedIds = (applied: readonly StoredTask[], settled: readonly StoredTask[]) => [
  ...applied.filter((t) => t.status === 'completed').map((t) => t.id),
  ...settled.filter((t) => t.status === 'dead').map((t) => t.id),
];

/**
 * Records the outcome of attempts and, in the same transaction, settles the failed ones (retry or
 * dead letter, by `settle`), and moves on the workflows whose steps ended. A duplicate or a late
 * completion of an earlier attempt changes nothing.
 *
 * @example
 * await completeTasks(pool, [{ taskId, attempt: 1, agent: 'worker', outcome: 'success', result: {} }], 'coordination', settle);
 */
export const completeTasks = (pool: pg.Pool, completions: readonly Completion[], actor: string, settle: Settle, announce: AnnounceWorkflows = NO_ANNOUNCEMENTS) =>
  inTransaction(pool, async (client) => {
    const done = await completeAttempts(client, completions, actor, settle);
    const workflows = await advanceWorkflows(client, endedIds(done.applied, done.settled), actor, announce);
    return { ...done, workflows, outboxIds: [...done.outboxIds, ...workflows.outboxIds] };
  });

/**
 * Fails the attempts whose lease ran out (the agent crashed, hung or timed out, or the assignment
 * never left the outbox) and settles them, in one transaction with the workflows the dead ones
 * move on; see expireLeases.
 *
 * @example
 * await expireTasks(pool, 500, 'sweeper', settle);
 */
export const expireTasks = (pool: pg.Pool, limit: number, actor: string, settle: Settle, announce: AnnounceWorkflows = NO_ANNOUNCEMENTS) =>
  inTransaction(pool, async (client) => {
    const done = await expireLeases(client, limit, actor, settle);
    const workflows = await advanceWorkflows(client, endedIds([], done.settled), actor, announce);
    return { ...done, workflows, outboxIds: [...done.outboxIds, ...workflows.outboxIds] };
  });
