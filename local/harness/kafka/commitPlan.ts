import type { KafkaRecord } from '../../../lib/kafka/index.js';

export interface BufferedRecord {
  record: KafkaRecord;
  /** False when the trigger's filters dropped it: never delivered, but its offset is committed. */
  matched: boolean;
}

/** Kafka's committed offset is the next one to read, per `{ topic, partition }`. */
export type CommitOffsets = { topic: string; partition: number; offset: string }[];

/** After a fully successful batch: everything it covered, filtered records included. */
export function commitAll(batch: readonly BufferedRecord[]): CommitOffsets {
  const next = new Map<string, { topic: string; partition: number; offset: bigint }>();
  for (const { record } of batch) {
    next.set(`${record.topic}-${record.partition}`, { topic: record.topic, partition: record.partition, offset: BigInt(record.offset) + 1n });
  }
  return [...next.values()].map((c) => ({ ...c, offset: c.offset.toString() }));
}

/**
 * After a partial batch failure: commit each failed partition up to its first failed record and
 * redeliver from there; partitions without a failure are committed whole.
 */
export function commitPartial(
  batch: readonly BufferedRecord[],
  failedFrom: ReadonlyMap<string, bigint>,
): { commit: CommitOffsets; redeliver: BufferedRecord[] } {
  const done: BufferedRecord[] = [];
  const redeliver: BufferedRecord[] = [];
  for (const item of batch) {
    const from = failedFrom.get(`${item.record.topic}-${item.record.partition}`);
    (from !== undefined && BigInt(item.record.offset) >= from ? redeliver : done).push(item);
  }
  return { commit: commitAll(done), redeliver };
}
