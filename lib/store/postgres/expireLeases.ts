import type pg from 'pg';
import type { ErrorInfo } from '../../contracts/index.js';
import { applySettlements, type Settle } from './settlement.js';
import { storableJson } from './storable.js';
import { appendEvents } from './taskEvents.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';
import { IN_FLIGHT } from './taskGuards.js';

/** A failed attempt whose lease ran out; `undelivered` when its assignment never left the outbox. */
export type ExpiredTask = StoredTask & { undelivered: boolean };

export interface ExpiredLeases {
  expired: ExpiredTask[];
  settled: StoredTask[];
  outboxIds: string[];
}

/**
 * On the caller's transaction: locks up to `limit` tasks whose lease ran out (SKIP LOCKED, so
 * concurrent sweepers share the work), fails their attempt and settles it. An attempt whose
 * assignment is still in the outbox was never delivered — the broker was down, not the agent — so
 * its queued assignment is withdrawn and its error says so; `settle` decides what that costs.
 */
export async function expireLeases(client: pg.ClientBase, limit: number, actor: string, settle: Settle): Promise<ExpiredLeases> {
  const { rows } = await client.query<TaskRow & { undelivered: boolean }>(
    `SELECT t.*, EXISTS (SELECT 1 FROM outbox o WHERE o.task_id = t.id AND o.attempt = t.attempt) AS undelivered
     FROM tasks t WHERE t.status = ANY($2::text[]) AND t.lease_expires_at < now()
     ORDER BY t.lease_expires_at LIMIT $1 FOR UPDATE OF t SKIP LOCKED`,
    [limit, IN_FLIGHT],
  );
  if (rows.length === 0) return { expired: [], settled: [], outboxIds: [] };
  const undelivered = rows.filter((r) => r.undelivered);
  if (undelivered.length > 0) {
    await client.query(
      `DELETE FROM outbox o USING unnest($1::uuid[], $2::int[]) AS d(id, attempt) WHERE o.task_id = d.id AND o.attempt = d.attempt`,
      [undelivered.map((r) => r.id), undelivered.map((r) => r.attempt)],
    );
  }
  const errors = rows.map((r): ErrorInfo =>
    r.undelivered
      ? { code: 'assignment-undelivered', message: `the assignment to ${r.assigned_agent ?? 'the agent'} could not be published before the lease ran out`, retriable: true }
      : { code: 'lease-expired', message: `no word from ${r.assigned_agent ?? 'the agent'} before the lease ran out`, retriable: true },
  );
  const failed = await client.query<TaskRow>(
    `UPDATE tasks t SET status = 'failed', error = d.error, lease_expires_at = NULL, updated_at = now()
     FROM unnest($1::uuid[], $2::jsonb[]) AS d(id, error) WHERE t.id = d.id RETURNING t.*`,
    [rows.map((r) => r.id), errors.map((e) => storableJson(e))],
  );
  const before = new Map(rows.map((r) => [r.id, r]));
  await appendEvents(client, failed.rows.map((r) => ({ taskId: r.id, from: before.get(r.id)!.status, to: 'failed', attempt: r.attempt, detail: { error: r.error } })), actor);
  const expired = failed.rows.map((r) => ({ ...taskFromRow(r), undelivered: before.get(r.id)!.undelivered }));
  const { settled, outboxIds } = await applySettlements(client, settle(expired), actor);
  return { expired, settled, outboxIds };
}
