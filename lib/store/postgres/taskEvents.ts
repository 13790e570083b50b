import type pg from 'pg';
import type { TaskStatus } from '../../contracts/index.js';
import { storableJson } from './storable.js';

export interface TaskEventInput {
  taskId: string;
  from: TaskStatus | null;
  to: TaskStatus;
  attempt: number;
  detail?: Record<string, unknown>;
}

/** Appends moves to the tasks' history on the caller's transaction, in one statement. */
export async function appendEvents(client: pg.ClientBase, events: readonly TaskEventInput[], actor: string): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO task_events (task_id, from_status, to_status, attempt, actor, detail)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[])`,
    [
      events.map((e) => e.taskId),
      events.map((e) => e.from),
      events.map((e) => e.to),
      events.map((e) => e.attempt),
      events.map(() => actor),
      events.map((e) => storableJson(e.detail ?? {})),
    ],
  );
}
