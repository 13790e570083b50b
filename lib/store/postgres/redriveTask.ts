import type pg from 'pg';
import { enqueueOutbox, type OutboxRecord } from './outbox.js';
import { inTransaction } from './pool.js';
import { appendEvents } from './taskEvents.js';
import { REDRIVABLE } from './taskGuards.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';

export type RedriveOutcome = { applied: true; task: StoredTask; outboxIds: string[] } | { applied: false; status?: string };

/**
 * A redrivable (dead) task back to pending with a fresh set of retries, its dead letter marked
 * redriven and `announce`'s messages queued, all in one transaction.
 *
 * @example
 * const outcome = await redriveTask(pool, letterId, taskId, 'api', []);
 */
export async function redriveTask(pool: pg.Pool, letterId: string, taskId: string, actor: string, announce: OutboxRecord[]): Promise<RedriveOutcome> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<TaskRow>(
      `UPDATE tasks SET status = 'pending', retry_count = 0, error = NULL, available_at = now(), updated_at = now()
       WHERE id = $1 AND status = ANY($2::text[]) RETURNING *`,
      [taskId, REDRIVABLE],
    );
    const row = rows[0];
    if (!row) {
      const current = await client.query<{ status: string }>('SELECT status FROM tasks WHERE id = $1', [taskId]);
      return { applied: false, ...(current.rows[0] ? { status: current.rows[0].status } : {}) };
    }
    // REDRIVABLE has one status (dead): the only state a redriven task can have come from.
    await appendEvents(client, [{ taskId, from: REDRIVABLE[0]!, to: 'pending', attempt: row.attempt, detail: { redrive: letterId } }], actor);
    await client.query('UPDATE dead_letters SET redrive_count = redrive_count + 1, redriven_at = now() WHERE id = $1', [letterId]);
    return { applied: true, task: taskFromRow(row), outboxIds: await enqueueOutbox(client, announce) };
  });
}
