import type pg from 'pg';
import {
  sourcesOf,
  taskSubmissionSchema,
  type ErrorInfo,
  type TaskStatus,
  type TaskSubmission,
} from '../../contracts/index.js';
import { StoreIllegalTransitionError } from '../errors.js';
import { insertTasks, newTask } from './insertTasks.js';
import { inTransaction } from './pool.js';
import { storableJson, storableTextOrNull } from './storable.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';

export interface TaskEvent {
  id: string;
  taskId: string;
  at: string;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus;
  attempt: number;
  actor: string;
  detail: Record<string, unknown>;
}

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
 * Tasks and their append-only history in PostgreSQL, the source of truth of the task lifecycle.
 *
 * @example
 * const tasks = createTaskStore(pool);
 * const { task } = await tasks.create({ type: 'compute', payload: { op: 'sum', values: [1, 2] } }, 'api');
 * const outcome = await tasks.transition(task.id, { to: 'assigned', actor: 'coordination', changes: { newAttempt: true } });
 */
export function createTaskStore(pool: pg.Pool) {
  async function appendEvent(
    client: pg.ClientBase,
    event: { taskId: string; from: TaskStatus | null; to: TaskStatus; attempt: number; actor: string; detail?: Record<string, unknown> },
  ) {
    await client.query(
      'INSERT INTO task_events (task_id, from_status, to_status, attempt, actor, detail) VALUES ($1, $2, $3, $4, $5, $6)',
      [event.taskId, event.from, event.to, event.attempt, event.actor, storableJson(event.detail ?? {})],
    );
  }

  async function get(id: string): Promise<StoredTask | undefined> {
    const { rows } = await pool.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
    return rows[0] && taskFromRow(rows[0]);
  }

  return {
    get,

    /**
     * Persists a new pending task. With an idempotency key already used, returns that task instead
     * (`created: false`) and inserts nothing.
     */
    async create(submission: TaskSubmission, actor: string): Promise<{ task: StoredTask; created: boolean }> {
      const s = taskSubmissionSchema.parse(submission);
      return inTransaction(pool, async (client) => {
        const [row] = await insertTasks(client, [newTask(s, { traceparent: null, submittedBy: null })], actor);
        if (row) return { task: taskFromRow(row), created: true };
        const existing = await client.query<TaskRow>('SELECT * FROM tasks WHERE idempotency_key = $1', [s.idempotencyKey]);
        return { task: taskFromRow(existing.rows[0]!), created: false };
      });
    },

    /** Newest first; `submittedBy` keeps only that submitter's tasks. */
    async list(filter: { status?: TaskStatus; limit?: number; submittedBy?: string } = {}): Promise<StoredTask[]> {
      const { rows } = await pool.query<TaskRow>(
        `SELECT * FROM tasks WHERE ($1::text IS NULL OR status = $1) AND ($3::text IS NULL OR submitted_by = $3) ORDER BY created_at DESC LIMIT $2`,
        [filter.status ?? null, Math.min(filter.limit ?? 100, 1000), filter.submittedBy ?? null],
      );
      return rows.map(taskFromRow);
    },

    async events(taskId: string): Promise<TaskEvent[]> {
      const { rows } = await pool.query<{
        id: string; task_id: string; at: Date; from_status: TaskStatus | null; to_status: TaskStatus; attempt: number; actor: string; detail: Record<string, unknown>;
      }>('SELECT * FROM task_events WHERE task_id = $1 ORDER BY id', [taskId]);
      return rows.map((r) => ({
        id: r.id, taskId: r.task_id, at: r.at.toISOString(), fromStatus: r.from_status, toStatus: r.to_status,
        attempt: r.attempt, actor: r.actor, detail: r.detail,
      }));
    },

    /**
     * Moves a task to `to` only if it is in an allowed source state (and on the expected attempt),
     * in one conditional UPDATE, and appends the move to its history in the same transaction.
     * A duplicate or late message therefore changes nothing and gets `applied: false` with the reason.
     *
     * @throws StoreIllegalTransitionError when the lifecycle never allows the move.
     */
    async transition(taskId: string, request: TransitionRequest): Promise<TransitionOutcome> {
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
        await appendEvent(client, {
          taskId, from: row.previous_status, to: request.to, attempt: row.attempt, actor: request.actor,
          ...(request.detail ? { detail: request.detail } : {}),
        });
        return { applied: true, task: taskFromRow(row), from: row.previous_status };
      });
    },

    /** Pushes the lease of a task that is still assigned/running on `attempt`. False when it no longer is. */
    async extendLease(taskId: string, attempt: number, leaseExpiresAt: Date): Promise<boolean> {
      const { rowCount } = await pool.query(
        `UPDATE tasks SET lease_expires_at = GREATEST(lease_expires_at, $3), updated_at = now()
         WHERE id = $1 AND attempt = $2 AND status IN ('assigned', 'running')`,
        [taskId, attempt, leaseExpiresAt],
      );
      return rowCount === 1;
    },
  };
}

export type TaskStore = ReturnType<typeof createTaskStore>;
