import { BroadcastChannel } from 'node:worker_threads';
import type { MSKEvent } from 'aws-lambda';

/** Where the handler reports what it saw: a BroadcastChannel reaches the harness from an isolated environment's thread too. */
export const COUNTING_CHANNEL = 'syntor-bench-counting';

export interface CountReport {
  records: number;
  /** Epoch milliseconds (sub-millisecond): comparable across threads, unlike `performance.now()`. */
  at: number;
}

const channel = new BroadcastChannel(COUNTING_CHANNEL);
// The channel must not keep an environment's thread (or the benchmark) alive.
channel.unref();

/** The benchmark's no-op handler: it only counts the records it is given. */
export async function handler(event: MSKEvent): Promise<void> {
  let records = 0;
  for (const batch of Object.values(event.records)) records += batch.length;
  channel.postMessage({ records, at: performance.timeOrigin + performance.now() } satisfies CountReport);
}
