import type pg from 'pg';
import type { TaskStatus } from '../../contracts/index.js';
import { UNFINISHED } from './taskGuards.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';

/** One entry of a task's append-only history. */
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

interface TaskEventRow {
  id: string;
  task_id: string;
  at: Date;
  from_status: TaskStatus | null;
  to_status: TaskStatus;
  attempt: number;
  actor: string;
  detail: Record<string, unknown>;
}

/**
 * The task repository's reads: nothing here locks or moves a task.
 *
 * @example
 * const reads = taskQueries(pool);
 * const pending = await reads.list({ status: 'pending', limit: 10 });
 */
export function taskQueries(pool: pg.Pool) {
  return {
    async get(id: string): Promise<StoredTask | undefined> {
      const { rows } = await pool.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
      return rows[0] && taskFromRow(rows[0]);
    },

    /** Newest first; `submittedBy` keeps only that submitter's tasks. */
    async list(filter: { status?: TaskStatus; limit?: number; submittedBy?: string } = {}): Promise<StoredTask[]> {
      const { rows } = await pool.query<TaskRow>(
        `SELECT * FROM tasks WHERE ($1::text IS NULL OR status = $1) AND ($3::text IS NULL OR submitted_by = $3) ORDER BY created_at DESC LIMIT $2`,
        [filter.status ?? null, Math.min(filter.limit ?? 100, 1000), filter.submittedBy ?? null],
      );
      return rows.map(taskFromRow);
    },

    /** The task's history, oldest first. */
    async events(taskId: string): Promise<TaskEvent[]> {
      const { rows } = await pool.query<TaskEventRow>('SELECT * FROM task_events WHERE task_id = $1 ORDER BY id', [taskId]);
      return rows.map((r) => ({
        id: r.id, taskId: r.task_id, at: r.at.toISOString(), fromStatus: r.from_status, toStatus: r.to_status,
        attempt: r.attempt, actor: r.actor, detail: r.detail,
      }));
    },

    /** How many tasks are in each status; a status with none is absent. */
    async countByStatus(): Promise<Map<TaskStatus, number>> {
      const { rows } = await pool.query<{ status: TaskStatus; count: string }>('SELECT status, count(*) AS count FROM tasks GROUP BY status');
      return new Map(rows.map((r) => [r.status, Number(r.count)]));
    },

    /** Whether anything is left for a sweep to move on: tasks not yet ended, or messages not yet relayed. */
    async workLeft(): Promise<boolean> {
      const { rows } = await pool.query<{ busy: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM tasks WHERE status = ANY($1::text[])) OR EXISTS (SELECT 1 FROM outbox) AS busy`,
        [UNFINISHED],
      );
      return rows[0]?.busy ?? false;
    },
  };
}
