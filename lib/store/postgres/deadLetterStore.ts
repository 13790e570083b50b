import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DeadLetterPayload } from '../../contracts/index.js';
import { storableJson, storableText, storableTextOrNull } from './storable.js';

export interface StoredDeadLetter extends DeadLetterPayload {
  id: string;
  taskId?: string;
  redriveCount: number;
  redrivenAt?: string;
}

interface DeadLetterRow {
  id: string;
  task_id: string | null;
  reason: string;
  reason_code: string;
  origin_topic: string;
  origin_partition: number;
  origin_offset: string;
  origin_key: string | null;
  value: string | null;
  failed_by: string;
  failed_at: Date;
  details: unknown;
  redrive_count: number;
  redriven_at: Date | null;
}

function fromRow(row: DeadLetterRow): StoredDeadLetter {
  return {
    id: row.id,
    ...(row.task_id === null ? {} : { taskId: row.task_id }),
    reason: row.reason,
    reasonCode: row.reason_code,
    origin: { topic: row.origin_topic, partition: row.origin_partition, offset: row.origin_offset, key: row.origin_key },
    value: row.value,
    failedBy: row.failed_by,
    failedAt: row.failed_at.toISOString(),
    ...(row.details === null ? {} : { details: row.details }),
    redriveCount: row.redrive_count,
    ...(row.redriven_at === null ? {} : { redrivenAt: row.redriven_at.toISOString() }),
  };
}

/**
 * Stores a dead letter on `client` (a pool, or the transaction that moved its task to dead). With the
 * id of its dlq.record message, a redelivered record is stored once: the existing row is returned.
 * Reasons and details carry foreign text (an HTTP body, a git server's error) and are made storable.
 */
export async function insertDeadLetter(client: pg.Pool | pg.ClientBase, letter: DeadLetterPayload, id: string = randomUUID()): Promise<StoredDeadLetter> {
  const { rows } = await client.query<DeadLetterRow>(
    `WITH inserted AS (
       INSERT INTO dead_letters (id, task_id, reason, reason_code, origin_topic, origin_partition, origin_offset, origin_key, value, failed_by, failed_at, details)
       VALUES ($12, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING *
     )
     SELECT * FROM inserted UNION ALL SELECT * FROM dead_letters WHERE id = $12 AND NOT EXISTS (SELECT 1 FROM inserted)`,
    [
      letter.taskId ?? null, storableText(letter.reason), storableText(letter.reasonCode), storableText(letter.origin.topic), letter.origin.partition, letter.origin.offset,
      storableTextOrNull(letter.origin.key), letter.value, storableText(letter.failedBy), letter.failedAt,
      letter.details === undefined ? null : storableJson(letter.details),
      id,
    ],
  );
  return fromRow(rows[0]!);
}

/** Stored dead letters: what could not be processed, kept for inspection and redrive. */
export function createDeadLetterStore(pool: pg.Pool) {
  return {
    /**
     * Stores a dead letter. With `id` (the dlq.record message id) a redelivered record is stored once:
     * the existing row is returned.
     */
    async add(letter: DeadLetterPayload, id: string = randomUUID()): Promise<StoredDeadLetter> {
      return insertDeadLetter(pool, letter, id);
    },

    async get(id: string): Promise<StoredDeadLetter | undefined> {
      const { rows } = await pool.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1', [id]);
      return rows[0] && fromRow(rows[0]);
    },

    async list(limit = 100): Promise<StoredDeadLetter[]> {
      const { rows } = await pool.query<DeadLetterRow>('SELECT * FROM dead_letters ORDER BY failed_at DESC LIMIT $1', [Math.min(limit, 1000)]);
      return rows.map(fromRow);
    },

    async markRedriven(id: string): Promise<boolean> {
      const { rowCount } = await pool.query(
        'UPDATE dead_letters SET redrive_count = redrive_count + 1, redriven_at = now() WHERE id = $1',
        [id],
      );
      return rowCount === 1;
    },
  };
}

export type DeadLetterStore = ReturnType<typeof createDeadLetterStore>;
