import type { ClaimedOutboxRecord, OutboxRecord } from '../../../../lib/store/index.js';

interface Row {
  record: OutboxRecord;
  createdAt: number;
  claimedUntil?: number;
  attempts: number;
}

/** The outbox in memory: rows claimed with a lease, oldest first, like the PostgreSQL one. */
export function createMemoryOutbox() {
  const rows = new Map<string, Row>();
  let nextId = 1;
  const claimable = (row: Row) => row.claimedUntil === undefined || row.claimedUntil < Date.now();
  return {
    async enqueue(records: readonly OutboxRecord[]): Promise<string[]> {
      return records.map((record) => {
        const id = String(nextId++);
        rows.set(id, { record, createdAt: Date.now(), attempts: 0 });
        return id;
      });
    },
    async claim(limit: number, leaseMs: number, ids?: readonly string[]): Promise<ClaimedOutboxRecord[]> {
      const wanted = ids === undefined ? undefined : new Set(ids);
      const claimed = [...rows].filter(([id, row]) => claimable(row) && (wanted === undefined || wanted.has(id))).slice(0, limit);
      return claimed.map(([id, row]) => {
        row.claimedUntil = Date.now() + leaseMs;
        row.attempts += 1;
        return { ...row.record, id, attempts: row.attempts };
      });
    },
    async remove(ids: readonly string[]): Promise<void> {
      for (const id of ids) rows.delete(id);
    },
    async release(ids: readonly string[], retryInMs: number): Promise<void> {
      for (const id of ids) {
        const row = rows.get(id);
        if (row) row.claimedUntil = Date.now() + retryInMs;
      }
    },
    async backlog(): Promise<{ count: number; oldestSeconds: number }> {
      const oldest = Math.min(...[...rows.values()].map((r) => r.createdAt));
      return { count: rows.size, oldestSeconds: rows.size === 0 ? 0 : (Date.now() - oldest) / 1000 };
    },
    /** Withdraws a task attempt's queued rows (an expired lease whose assignment never left); true if there were any. */
    withdraw(taskId: string, attempt: number): boolean {
      const queued = [...rows].filter(([, row]) => row.record.taskId === taskId && row.record.attempt === attempt);
      for (const [id] of queued) rows.delete(id);
      return queued.length > 0;
    },
    /** The records waiting, oldest first. */
    waiting(): OutboxRecord[] {
      return [...rows.values()].map((r) => r.record);
    },
  };
}

export type MemoryOutbox = ReturnType<typeof createMemoryOutbox>;
