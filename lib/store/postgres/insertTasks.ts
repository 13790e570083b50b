import type pg from 'pg';
import type { TaskSubmission } from '../../contracts/index.js';
import { storableJson } from './storable.js';
import { appendEvents } from './taskEvents.js';
import type { TaskRow } from './taskRows.js';

/** A parsed submission with the id and trace context it is stored with. */
export type NewTask = Required<Omit<TaskSubmission, 'idempotencyKey'>> & { id: string; idempotencyKey?: string | undefined; traceparent: string | null; submittedBy: string | null };

/**
 * Inserts pending tasks on the caller's transaction, each its submitter's, with its `created` history
 * entry (`detail` added, e.g. the workflow step it runs). One whose idempotency key exists is not
 * inserted and is absent from the rows returned.
 */
export async function insertTasks(client: pg.ClientBase, tasks: readonly NewTask[], actor: string, detail: (task: NewTask) => Record<string, unknown> = () => ({})): Promise<TaskRow[]> {
  if (tasks.length === 0) return [];
  const { rows } = await client.query<TaskRow>(
    `INSERT INTO tasks (id, type, priority, required_capabilities, payload, timeout_ms, max_retries, idempotency_key, traceparent, submitted_by)
     SELECT id, type, priority, ARRAY(SELECT jsonb_array_elements_text(caps)), payload, timeout_ms, max_retries, key, traceparent, submitted_by
     FROM unnest($1::uuid[], $2::text[], $3::smallint[], $4::jsonb[], $5::jsonb[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])
       AS s(id, type, priority, caps, payload, timeout_ms, max_retries, key, traceparent, submitted_by)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING *`,
    [
      tasks.map((s) => s.id),
      tasks.map((s) => s.type),
      tasks.map((s) => s.priority),
      tasks.map((s) => JSON.stringify(s.requiredCapabilities)),
      tasks.map((s) => storableJson(s.payload)),
      tasks.map((s) => s.timeoutMs),
      tasks.map((s) => s.maxRetries),
      tasks.map((s) => s.idempotencyKey ?? null),
      tasks.map((s) => s.traceparent),
      tasks.map((s) => s.submittedBy),
    ],
  );
  const byId = new Map(tasks.map((t) => [t.id, t]));
  await appendEvents(client, rows.map((r) => ({ taskId: r.id, from: null, to: 'pending', attempt: 0, detail: { event: 'created', ...detail(byId.get(r.id)!) } })), actor);
  return rows;
}
