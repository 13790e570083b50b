import type pg from 'pg';
import { sourcesOf, type ErrorInfo, type TaskStatus } from '../../contracts/index.js';
import { StoreIllegalTransitionError } from '../errors.js';
import { inTransaction } from './pool.js';
import { storableJson, storableTextOrNull } from './storable.js';
import { appendEvents } from './taskEvents.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';

/** What a transition may change besides the status. Timestamps follow from the target status. */
export interface TransitionChanges {
  assignedAgent?: string | null;
  leaseExpiresAt?: Date | null;
  availableAt?: Date;
  result?: unknown;
  error?: ErrorInfo | null;
  statusReason?: string | null;
  /** Starts a new attempt (a dispatch). */
  newAttempt?: boolean;
  /** Counts a failed attempt (a retry or a failover). */
  countRetry?: boolean;
}

export interface TransitionRequest {
  to: TaskStatus;
  /** Only move from these states (each must be a legal source of `to`); all legal sources by default. */
  from?: readonly TaskStatus[];
  /** Only move if the task is on this attempt: how a late message of an earlier attempt is refused. */
  attempt?: number;
  actor: string;
  changes?: TransitionChanges;
  detail?: Record<string, unknown>;
}

export type TransitionOutcome =
  | { applied: true; task: StoredTask; from: TaskStatus }
  | { applied: false; reason: 'not-found' }
  | { applied: false; reason: 'status-mismatch' | 'stale-attempt'; task: StoredTask };

const STAMPS: Partial<Record<TaskStatus, string>> = {
  assigned: 'assigned_at',
  running: 'started_at',
  completed: 'completed_at',
  dead: 'completed_at',
  cancelled: 'completed_at',
};

/** Column assignments for the changes; column names come from this fixed list only, values are parameters. */
function setClauses(request: TransitionRequest, params: unknown[]): string[] {
  const changes = request.changes ?? {};
  const param = (value: unknown) => `$${params.push(value)}`;
  const sets = ['status = ' + param(request.to), 'updated_at = now()'];
  const stamp = STAMPS[request.to];
  if (stamp) sets.push(`${stamp} = now()`);
  if (changes.assignedAgent !== undefined) sets.push(`assigned_agent = ${param(changes.assignedAgent)}`);
  if (changes.leaseExpiresAt !== undefined) sets.push(`lease_expires_at = ${param(changes.leaseExpiresAt)}`);
  if (changes.availableAt !== undefined) sets.push(`available_at = ${param(changes.availableAt)}`);
  if (changes.result !== undefined) sets.push(`result = ${param(storableJson(changes.result))}::jsonb`);
  if (changes.error !== undefined) sets.push(`error = ${param(changes.error === null ? null : storableJson(changes.error))}::jsonb`);
  if (changes.statusReason !== undefined) sets.push(`status_reason = ${param(storableTextOrNull(changes.statusReason))}`);
  if (changes.newAttempt) sets.push('attempt = t.attempt + 1');
  if (changes.countRetry) sets.push('retry_count = t.retry_count + 1');
  return sets;
}

/**
 * Moves one task to `to` only if it is in an allowed source state (and on the expected attempt),
 * in one conditional UPDATE, and appends the move to its history in the same transaction.
 * A duplicate or late message therefore changes nothing and gets `applied: false` with the reason.
 *
 * @example
 * await transitionTask(pool, id, { to: 'cancelled', actor: 'api', changes: { leaseExpiresAt: null } });
 * @throws StoreIllegalTransitionError when the lifecycle never allows the move.
 */
export async function transitionTask(pool: pg.Pool, taskId: string, request: TransitionRequest): Promise<TransitionOutcome> {
  const legal = sourcesOf(request.to);
  const from = request.from ?? legal;
  if (from.length === 0 || from.some((s) => !legal.includes(s))) {
    throw new StoreIllegalTransitionError(taskId, request.to, from);
  }
  return inTransaction(pool, async (client) => {
    const params: unknown[] = [taskId, from];
    const sets = setClauses(request, params);
    const attemptGuard = request.attempt === undefined ? '' : ` AND t.attempt = $${params.push(request.attempt)}`;
    // Lock the row first so the returned previous status is the one this update replaced.
    const { rows } = await client.query<TaskRow & { previous_status: TaskStatus }>(
      `WITH previous AS (SELECT id, status FROM tasks WHERE id = $1 FOR UPDATE)
       UPDATE tasks t SET ${sets.join(', ')}
       FROM previous
       WHERE t.id = previous.id AND t.status = ANY($2::text[])${attemptGuard}
       RETURNING t.*, previous.status AS previous_status`,
      params,
    );
    const row = rows[0];
    if (!row) {
      const current = await client.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [taskId]);
      const task = current.rows[0];
      if (!task) return { applied: false, reason: 'not-found' };
      const reason = from.includes(task.status) ? 'stale-attempt' : 'status-mismatch';
      return { applied: false, reason, task: taskFromRow(task) };
    }
    await appendEvents(client, [{ taskId, from: row.previous_status, to: request.to, attempt: row.attempt, ...(request.detail ? { detail: request.detail } : {}) }], request.actor);
    return { applied: true, task: taskFromRow(row), from: row.previous_status };
  });
}
