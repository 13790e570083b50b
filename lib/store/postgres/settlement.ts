import type pg from 'pg';
import type { DeadLetterPayload } from '../../contracts/index.js';
import { insertDeadLetter } from './deadLetterStore.js';
import { enqueueOutbox, type OutboxRecord } from './outbox.js';
import { appendEvents } from './taskEvents.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';
import { UNSETTLED } from './taskGuards.js';

/** What happens to a failed attempt's task: another attempt later, or the dead letters. */
export type Settlement =
  | { taskId: string; retry: { availableAt: Date; countRetry: boolean; detail?: Record<string, unknown> } }
  | { taskId: string; dead: { letterId: string; letter: DeadLetterPayload } };

/** The settlements of a batch of failed tasks and the messages that announce them. */
export interface SettlePlan {
  settlements: Settlement[];
  outbox: OutboxRecord[];
}

/** Decides, from the failed tasks (locked by the caller's transaction), what becomes of each. */
export type Settle = (failed: readonly StoredTask[]) => SettlePlan;

/**
 * Applies settlements on the caller's transaction — the one that recorded the failures — so a
 * crash or an outage can never leave a task `failed` with its retry or dead letter not done: either
 * the failure, its settlement, its dead letter and its messages all commit, or none does.
 */
export async function applySettlements(client: pg.ClientBase, plan: SettlePlan, actor: string): Promise<{ settled: StoredTask[]; outboxIds: string[] }> {
  const retries = plan.settlements.flatMap((s) => ('retry' in s ? [{ taskId: s.taskId, ...s.retry }] : []));
  const deaths = plan.settlements.flatMap((s) => ('dead' in s ? [{ taskId: s.taskId, ...s.dead }] : []));
  const settled: StoredTask[] = [];

  if (retries.length > 0) {
    const { rows } = await client.query<TaskRow>(
      `UPDATE tasks t SET status = 'pending', retry_count = t.retry_count + CASE WHEN d.count_retry THEN 1 ELSE 0 END,
         assigned_agent = NULL, lease_expires_at = NULL, available_at = d.available_at, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[], $3::bool[]) AS d(id, available_at, count_retry)
       WHERE t.id = d.id AND t.status = ANY($4::text[])
       RETURNING t.*`,
      [retries.map((r) => r.taskId), retries.map((r) => r.availableAt), retries.map((r) => r.countRetry), UNSETTLED],
    );
    const details = new Map(retries.map((r) => [r.taskId, r.detail]));
    await appendEvents(client, rows.map((r) => ({ taskId: r.id, from: UNSETTLED[0]!, to: 'pending', attempt: r.attempt, detail: details.get(r.id) ?? {} })), actor);
    settled.push(...rows.map(taskFromRow));
  }

  if (deaths.length > 0) {
    const { rows } = await client.query<TaskRow>(
      `UPDATE tasks SET status = 'dead', completed_at = now(), lease_expires_at = NULL, updated_at = now()
       WHERE id = ANY($1::uuid[]) AND status = ANY($2::text[]) RETURNING *`,
      [deaths.map((d) => d.taskId), UNSETTLED],
    );
    const moved = new Set(rows.map((r) => r.id));
    const letters = deaths.filter((d) => moved.has(d.taskId));
    // The stored dead letter commits with the move: a dead task can always be redriven.
    for (const { letterId, letter } of letters) await insertDeadLetter(client, letter, letterId);
    await appendEvents(client, rows.map((r) => ({ taskId: r.id, from: UNSETTLED[0]!, to: 'dead', attempt: r.attempt, detail: { error: r.error, deadLetter: letters.find((l) => l.taskId === r.id)?.letterId } })), actor);
    settled.push(...rows.map(taskFromRow));
  }

  const outboxIds = await enqueueOutbox(client, plan.outbox);
  return { settled, outboxIds };
}
