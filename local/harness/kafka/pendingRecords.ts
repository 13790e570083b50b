import type { PendingRecord } from './formBatch.js';

/** Consecutive fetched records of one partition, the first `start` of them already taken. */
export interface PendingRun {
  readonly tp: string;
  readonly length: number;
  start: number;
  /** The run's `i`-th record. */
  at(i: number): PendingRecord;
}

/**
 * A run of messages as fetched, each made a record (decoded, filtered, sized) when batch forming
 * first reaches it: a fetch of thousands then costs the poller's thread little at once, so replies
 * of the batches in flight are not kept waiting behind it.
 */
class LazyRun<T> implements PendingRun {
  start = 0;
  private readonly records: (PendingRecord | undefined)[];

  constructor(
    readonly tp: string,
    private readonly fetched: readonly T[],
    private readonly convert: (fetched: T) => PendingRecord,
  ) {
    this.records = new Array<PendingRecord | undefined>(fetched.length);
  }

  get length(): number {
    return this.fetched.length;
  }

  at(i: number): PendingRecord {
    return (this.records[i] ??= this.convert(this.fetched[i]!));
  }
}

const asIs = (record: PendingRecord) => record;

/**
 * A poller's fetched records waiting for a batch, in fetch order, as runs of one partition each (a
 * kafkajs batch is one). Batch forming skips a whole run of a partition in flight and takes a prefix
 * of the others, so nothing is copied or scanned record by record per batch: with thousands waiting
 * behind a partition in flight, the flat list this replaces cost the poller most of its time.
 */
export class PendingRecords {
  private runs: PendingRun[] = [];
  private readonly perPartition = new Map<string, number>();
  private count = 0;

  /** Appends records in fetch order; consecutive records of one partition make one run. */
  add(records: readonly PendingRecord[]): void {
    let from = 0;
    for (let i = 1; i <= records.length; i += 1) {
      if (i < records.length && records[i]!.tp === records[from]!.tp) continue;
      const tp = records[from]!.tp;
      this.runs.push(new LazyRun(tp, from === 0 && i === records.length ? records : records.slice(from, i), asIs));
      this.perPartition.set(tp, (this.perPartition.get(tp) ?? 0) + i - from);
      from = i;
    }
    this.count += records.length;
  }

  /** Appends one partition's fetched messages, each converted into its record when first needed. */
  addFetched<T>(tp: string, fetched: readonly T[], convert: (fetched: T) => PendingRecord): void {
    if (fetched.length === 0) return;
    this.runs.push(new LazyRun(tp, fetched, convert));
    this.perPartition.set(tp, (this.perPartition.get(tp) ?? 0) + fetched.length);
    this.count += fetched.length;
  }

  get size(): number {
    return this.count;
  }

  /** Whether some waiting record is of a partition not in flight. */
  hasWaitingOutside(inFlight: { has(tp: string): boolean }): boolean {
    for (const tp of this.perPartition.keys()) if (!inFlight.has(tp)) return true;
    return false;
  }

  /** The runs in fetch order; take from them only with {@link consume}. */
  pendingRuns(): readonly PendingRun[] {
    return this.runs;
  }

  /** Marks the next `n` records of the run taken. */
  consume(run: PendingRun, n: number): void {
    if (n === 0) return;
    run.start += n;
    this.count -= n;
    const left = this.perPartition.get(run.tp)! - n;
    if (left === 0) this.perPartition.delete(run.tp);
    else this.perPartition.set(run.tp, left);
    if (run.start === run.length) this.runs = this.runs.filter((r) => r.start < r.length);
  }

  /** Every waiting record, in fetch order. */
  remaining(): PendingRecord[] {
    return this.runs.flatMap((run) => Array.from({ length: run.length - run.start }, (_, i) => run.at(run.start + i)));
  }

  clear(): void {
    this.runs = [];
    this.perPartition.clear();
    this.count = 0;
  }
}
