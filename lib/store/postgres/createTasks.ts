import type pg from 'pg';
import type { ParsedTaskSubmission } from '../../contracts/index.js';
import { insertTasks, newTask } from './insertTasks.js';
import { inTransaction } from './pool.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';

/**
 * A parsed submission with the trace context it came with (the HTTP request's or the service
 * request's). Parsed at the edge (`checkSubmission`), so the repository does not parse it again.
 */
export type TracedSubmission = ParsedTaskSubmission & { traceparent?: string | undefined };

/**
 * Inserts pending tasks in one transaction, each recorded as `submitter`'s; a submission whose
 * idempotency key exists returns that task instead (`created: false`). Results are in input order.
 *
 * @example
 * const [{ task, created }] = await createTasks(pool, [taskSubmissionSchema.parse({ type: 'compute' })], 'api');
 */
export async function createTasks(pool: pg.Pool, submissions: readonly TracedSubmission[], actor: string, submitter?: string): Promise<{ task: StoredTask; created: boolean }[]> {
  const tasks = submissions.map((s) => newTask(s, { traceparent: s.traceparent ?? null, submittedBy: submitter ?? null }));
  if (tasks.length === 0) return [];
  return inTransaction(pool, async (client) => {
    const rows = await insertTasks(client, tasks, actor);
    const inserted = new Map(rows.map((r) => [r.id, r]));
    const missingKeys = tasks.filter((t) => !inserted.has(t.id)).map((t) => t.idempotencyKey!);
    const existing = new Map<string, TaskRow>();
    if (missingKeys.length > 0) {
      const found = await client.query<TaskRow>('SELECT * FROM tasks WHERE idempotency_key = ANY($1::text[])', [missingKeys]);
      for (const row of found.rows) existing.set(row.idempotency_key!, row);
    }
    return tasks.map((t) => {
      const row = inserted.get(t.id);
      return row ? { task: taskFromRow(row), created: true } : { task: taskFromRow(existing.get(t.idempotencyKey!)!), created: false };
    });
  });
}
