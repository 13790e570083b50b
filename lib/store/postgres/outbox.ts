import type pg from 'pg';
import { storableJson } from './storable.js';

/** A Kafka record waiting in the outbox, exactly as it will be sent. */
export interface OutboxRecord {
  topic: string;
  key: string | null;
  /** The serialized envelope. */
  value: string;
  headers: Record<string, string>;
  /** For task.assign: which attempt's assignment this is (the sweeper asks whether it ever went out). */
  taskId?: string;
  attempt?: number;
}

export type ClaimedOutboxRecord = OutboxRecord & { id: string; attempts: number };

/**
 * Writes records to the outbox on the caller's transaction, so they commit (or roll back) with the
 * state change they announce. Values are JSON text, where NUL and lone surrogates are escapes.
 */
export async function enqueueOutbox(client: pg.Pool | pg.ClientBase, records: readonly OutboxRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO outbox (topic, key, value, headers, task_id, attempt)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::uuid[], $6::int[])
     RETURNING id`,
    [
      records.map((r) => r.topic),
      records.map((r) => r.key),
      records.map((r) => r.value),
      records.map((r) => storableJson(r.headers)),
      records.map((r) => r.taskId ?? null),
      records.map((r) => r.attempt ?? null),
    ],
  );
  return rows.map((r) => r.id);
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  task_id: string | null;
  attempt: number | null;
  attempts: number;
}

/**
 * The relay's side of the outbox. Rows are claimed with a lease instead of a held transaction: a
 * send may wait on a broker that is down, and no row lock or connection should wait with it.
 */
export function createOutboxStore(pool: pg.Pool) {
  return {
    /** Writes records to the outbox in a statement of their own (for a change already committed); the rows' ids. */
    enqueue: (records: readonly OutboxRecord[]) => enqueueOutbox(pool, records),

    /**
     * Claims up to `limit` rows, oldest first (or only `ids`), that no live relay holds, for `leaseMs`.
     * Rows locked by a concurrent claim are skipped, so relays never send the same row at once.
     */
    async claim(limit: number, leaseMs: number, ids?: readonly string[]): Promise<ClaimedOutboxRecord[]> {
      const { rows } = await pool.query<OutboxRow>(
        `UPDATE outbox o SET claimed_until = now() + $2::int * interval '1 millisecond', attempts = o.attempts + 1
         WHERE o.id IN (
           SELECT id FROM outbox
           WHERE (claimed_until IS NULL OR claimed_until < now()) AND ($3::bigint[] IS NULL OR id = ANY($3::bigint[]))
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         RETURNING o.id, o.topic, o.key, o.value, o.headers, o.task_id, o.attempt, o.attempts`,
        [limit, leaseMs, ids ?? null],
      );
      return rows
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((r) => ({
          id: r.id, topic: r.topic, key: r.key, value: r.value, headers: r.headers, attempts: r.attempts,
          ...(r.task_id === null ? {} : { taskId: r.task_id }), ...(r.attempt === null ? {} : { attempt: r.attempt }),
        }));
    },

    /** Sent: gone from the outbox. */
    async remove(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await pool.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
    },

    /** Not sent: claimable again after `retryInMs` (the broker may be back by then). */
    async release(ids: readonly string[], retryInMs: number): Promise<void> {
      if (ids.length === 0) return;
      await pool.query(`UPDATE outbox SET claimed_until = now() + $2::int * interval '1 millisecond' WHERE id = ANY($1::bigint[])`, [ids, retryInMs]);
    },

    /** Rows waiting, and the age of the oldest (seconds): what the relay is behind by. */
    async backlog(): Promise<{ count: number; oldestSeconds: number }> {
      const { rows } = await pool.query<{ count: string; oldest: number | null }>(
        'SELECT count(*) AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest FROM outbox',
      );
      return { count: Number(rows[0]?.count ?? 0), oldestSeconds: rows[0]?.oldest ?? 0 };
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
