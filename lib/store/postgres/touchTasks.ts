import type pg from 'pg';
import { inTransaction } from './pool.js';
import { appendEvents } from './taskEvents.js';
import { IN_FLIGHT, STARTABLE } from './taskGuards.js';

export interface StatusUpdate {
  taskId: string;
  attempt: number;
  /** 'running' moves an assigned task to running; both extend the lease. */
  state: 'running' | 'progress';
  progress?: number;
  message?: string;
}

/**
 * Applies status heartbeats in one statement: each extends the lease of a task still in flight on
 * that attempt to now + its timeout + `graceMs`; 'running' also starts a startable (assigned) task.
 *
 * @example
 * await touchTasks(pool, [{ taskId, attempt: 1, state: 'running' }], 5_000, 'coordination');
 */
export async function touchTasks(pool: pg.Pool, updates: readonly StatusUpdate[], graceMs: number, actor: string): Promise<{ extended: number; started: string[] }> {
  if (updates.length === 0) return { extended: 0, started: [] };
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string; attempt: number; started: boolean }>(
      `WITH input AS (
         SELECT id, attempt, bool_or(state = 'running') AS running FROM unnest($1::uuid[], $2::int[], $3::text[]) AS i(id, attempt, state) GROUP BY id, attempt
       )
       UPDATE tasks t SET
         status = CASE WHEN i.running AND t.status = ANY($6::text[]) THEN 'running' ELSE t.status END,
         started_at = CASE WHEN i.running AND t.status = ANY($6::text[]) THEN now() ELSE t.started_at END,
         lease_expires_at = GREATEST(t.lease_expires_at, now() + (t.timeout_ms + $4::int) * interval '1 millisecond'),
         updated_at = now()
       FROM input i
       WHERE t.id = i.id AND t.attempt = i.attempt AND t.status = ANY($5::text[])
       RETURNING t.id, t.attempt, (i.running AND t.started_at = now()) AS started`,
      [updates.map((u) => u.taskId), updates.map((u) => u.attempt), updates.map((u) => u.state), graceMs, IN_FLIGHT, STARTABLE],
    );
    const started = rows.filter((r) => r.started);
    // STARTABLE has one status (assigned): the only state a started task can have come from.
    await appendEvents(client, started.map((r) => ({ taskId: r.id, from: STARTABLE[0]!, to: 'running', attempt: r.attempt })), actor);
    return { extended: rows.length, started: started.map((r) => r.id) };
  });
}
