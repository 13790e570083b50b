import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { capabilitiesFor, startOf, type ParsedTaskSubmission } from '../../contracts/index.js';
import { storableJson } from './storable.js';
import { appendEvents } from './taskEvents.js';
import type { TaskRow } from './taskRows.js';

/** A task as it is inserted: its submission resolved (capabilities, start) with its id, owner and trace context. */
export interface NewTask {
  id: string;
  type: string;
  priority: number;
  requiredCapabilities: string[];
  payload: Record<string, unknown>;
  timeoutMs: number;
  maxRetries: number;
  idempotencyKey?: string | undefined;
  /** Not dispatched before then; null: now. */
  availableAt: Date | null;
  traceparent: string | null;
  submittedBy: string | null;
}

/** A parsed submission as a new task. Its timing was checked at the edge (see `startOf`). */
export function newTask(s: ParsedTaskSubmission, owner: { traceparent: string | null; submittedBy: string | null }, now = Date.now()): NewTask {
  return {
    id: randomUUID(),
    type: s.type,
    priority: s.priority,
    requiredCapabilities: capabilitiesFor(s),
    payload: s.payload,
    timeoutMs: s.timeoutMs,
    maxRetries: s.maxRetries,
    idempotencyKey: s.idempotencyKey,
    availableAt: startOf(s, now).at ?? null,
    ...owner,
  };
}

/**
 * Inserts pending tasks on the caller's transaction, each its submitter's, with its `created` history
 * entry (`detail` added, e.g. the workflow step it runs). One whose idempotency key exists is not
 * inserted and is absent from the rows returned.
 */
export async function insertTasks(client: pg.ClientBase, tasks: readonly NewTask[], actor: string, detail: (task: NewTask) => Record<string, unknown> = () => ({})): Promise<TaskRow[]> {
  if (tasks.length === 0) return [];
  const { rows } = await client.query<TaskRow>(
    `INSERT INTO tasks (id, type, priority, required_capabilities, payload, timeout_ms, max_retries, idempotency_key, traceparent, submitted_by, available_at, status_reason)
     SELECT id, type, priority, ARRAY(SELECT jsonb_array_elements_text(caps)), payload, timeout_ms, max_retries, key, traceparent, submitted_by,
       coalesce(available_at, now()), CASE WHEN available_at > now() THEN 'delayed until ' || to_char(available_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END
     FROM unnest($1::uuid[], $2::text[], $3::smallint[], $4::jsonb[], $5::jsonb[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[], $11::timestamptz[])
       AS s(id, type, priority, caps, payload, timeout_ms, max_retries, key, traceparent, submitted_by, available_at)
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
      tasks.map((s) => s.availableAt),
    ],
  );
  const byId = new Map(tasks.map((t) => [t.id, t]));
  await appendEvents(client, rows.map((r) => ({ taskId: r.id, from: null, to: 'pending', attempt: 0, detail: { event: 'created', ...(r.status_reason ? { availableAt: r.available_at.toISOString() } : {}), ...detail(byId.get(r.id)!) } })), actor);
  return rows;
}
