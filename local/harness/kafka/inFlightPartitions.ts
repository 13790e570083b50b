import type { BufferedRecord } from './commitPlan.js';

const tpOf = ({ record }: BufferedRecord) => `${record.topic}-${record.partition}`;

/**
 * The partitions a poller has a batch in flight for. A partition is in at most one batch at a time,
 * so its records are handled, retried and committed in offset order while other partitions' batches
 * run alongside (Lambda reads each partition sequentially).
 * https://docs.aws.amazon.com/lambda/latest/dg/with-msk-configure.html
 */
export class InFlightPartitions {
  private readonly partitions = new Set<string>();

  has(tp: string): boolean {
    return this.partitions.has(tp);
  }

  /** Marks every partition of the batch in flight; a partition already in flight is a bug in batch forming. */
  claim(batch: readonly BufferedRecord[]): void {
    const claimed = new Set(batch.map(tpOf));
    for (const tp of claimed) {
      if (this.partitions.has(tp)) throw new Error(`partition ${tp} is already in flight`);
    }
    for (const tp of claimed) this.partitions.add(tp);
  }

  release(batch: readonly BufferedRecord[]): void {
    for (const item of batch) this.partitions.delete(tpOf(item));
  }

  get size(): number {
    return this.partitions.size;
  }
}

export { tpOf };
