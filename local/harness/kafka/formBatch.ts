import type { BufferedRecord } from './commitPlan.js';
import { partitionBytes } from './payloadSize.js';
import type { PendingRecords, PendingRun } from './pendingRecords.js';

/** A fetched record waiting for a batch. */
export interface PendingRecord extends BufferedRecord {
  /** `topic-partition`, made once when buffered: batch forming looks it up for every waiting record. */
  tp: string;
  /** When the poller fetched it: the batching window runs from the oldest waiting record. */
  bufferedAt: number;
  /** What it adds to the MSK event JSON (see payloadSize.ts); 0 for a filtered record, never sent. */
  bytes: number;
}

export interface BatchLimits {
  batchSize: number;
  payloadBytes: number;
  /** The event's own bytes before any record (see `eventBytes`). */
  eventBytes: number;
  /** Partitions with a batch in flight: none of their records may be taken. */
  inFlight: { has(tp: string): boolean };
}

export interface FormedBatch {
  batch: PendingRecord[];
  /** The batch is one record whose event alone passes the payload cap: it cannot be invoked. */
  tooLarge: boolean;
}

/**
 * Takes the next batch out of the buffer the way Lambda fills one: in fetch order, up to `batchSize`
 * delivered records and as many as fit in the 6 MB payload, several partitions together, and for each
 * partition only a run from its oldest waiting record (a partition that is in flight, or whose next
 * record does not fit, is left whole for a later batch, so order holds). Filtered records met before
 * the batch is full ride along with it so their offsets are committed; what follows a full batch is
 * not looked at (the buffer may hold thousands). A single record too large for any event is
 * returned alone, flagged, so the caller dead-letters it.
 */
export function formBatch(buffer: PendingRecords, limits: BatchLimits): FormedBatch {
  const batch: PendingRecord[] = [];
  const taken: [PendingRun, number][] = [];
  const closed = new Set<string>();
  const opened = new Set<string>();
  let matched = 0;
  let bytes = limits.eventBytes;
  let tooLarge = false;

  runs: for (const run of buffer.pendingRuns()) {
    const { tp } = run;
    if (limits.inFlight.has(tp) || closed.has(tp)) continue;
    let i = run.start;
    for (; i < run.length; i += 1) {
      // A full batch (or one too-large record) takes nothing more: the rest waits as it is, in order.
      if (matched >= limits.batchSize || tooLarge) break;
      const item = run.at(i);
      if (!item.matched) {
        batch.push(item);
        opened.add(tp);
        continue;
      }
      const adds = item.bytes + (opened.has(tp) ? 0 : partitionBytes(tp));
      if (matched === 0 && limits.eventBytes + adds > limits.payloadBytes) {
        // Alone it passes the cap: it goes on its own, after what its partition already has in this batch.
        if (batch.length === 0) {
          tooLarge = true;
          batch.push(item);
          i += 1;
        } else {
          closed.add(tp);
        }
        break;
      }
      if (bytes + adds > limits.payloadBytes) {
        closed.add(tp);
        break;
      }
      batch.push(item);
      opened.add(tp);
      matched += 1;
      bytes += adds;
    }
    taken.push([run, i - run.start]);
    if (matched >= limits.batchSize || tooLarge) break runs;
  }
  for (const [run, n] of taken) buffer.consume(run, n);
  return { batch, tooLarge };
}
