import { dependencyOutage } from '../errors/dependencyOutage.js';
import type { ClaimedOutboxRecord } from '../store/index.js';
import type { Deps } from './deps.js';

/** How long a relay holds the rows it is sending; a relay that died lets them go after this. */
const CLAIM_MS = 30_000;
/** A batch that could not be sent is tried again after this (the broker may be back). */
const RETRY_MS = 1_000;
const BATCH = 500;

export interface RelayResult {
  sent: number;
  /** Why the relay stopped early (broker or database down); the rows wait for the next relay. */
  error?: string;
}

let lastWarnedAt = 0;

/**
 * Sends what the outbox holds to Kafka, oldest first, and deletes what was sent; with `ids`, only
 * those rows (the ones a caller just committed). Never throws: what cannot be sent now stays for the
 * next relay, which every coordinator invocation and the sweeper run. A row sent but not deleted
 * (a crash in between) is sent again: consumers are idempotent, as Kafka delivery is at-least-once.
 */
export async function relayOutbox(deps: Deps, options: { ids?: readonly string[] } = {}): Promise<RelayResult> {
  if (options.ids?.length === 0) return { sent: 0 };
  let sent = 0;
  try {
    for (;;) {
      const rows = await deps.outbox.claim(BATCH, CLAIM_MS, options.ids);
      if (rows.length === 0) return { sent };
      try {
        await sendInOrder(deps, rows);
      } catch (error) {
        await deps.outbox.release(rows.map((r) => r.id), RETRY_MS).catch(() => undefined);
        throw error;
      }
      await deps.outbox.remove(rows.map((r) => r.id));
      sent += rows.length;
      if (options.ids || rows.length < BATCH) return { sent };
    }
  } catch (error) {
    const message = (error as Error).message;
    // One line per outage, not one per invocation.
    if (Date.now() - lastWarnedAt > 10_000) {
      lastWarnedAt = Date.now();
      deps.log.warn({ service: dependencyOutage(error) ?? 'unknown', error: { message } }, 'outbox not relayed yet; it will be retried');
    }
    return { sent, error: message };
  }
}

/** One request per run of consecutive rows of a topic, so a key's messages keep their order. */
async function sendInOrder(deps: Deps, rows: readonly ClaimedOutboxRecord[]): Promise<void> {
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && rows[end]!.topic === rows[start]!.topic) end += 1;
    const run = rows.slice(start, end);
    await deps.producer.sendRaw(run[0]!.topic, run.map((r) => ({ key: r.key, value: r.value, headers: r.headers })));
    start = end;
  }
}

/**
 * Relays `ids` but waits at most `waitMs` for it: a request that committed its work answers without
 * waiting on a broker that is down; the relay goes on (or the next one sends the rows).
 */
export async function relaySoon(deps: Deps, ids: readonly string[], waitMs = 2_000): Promise<void> {
  if (ids.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([relayOutbox(deps, { ids }), new Promise<void>((done) => (timer = setTimeout(done, waitMs)))]);
  clearTimeout(timer);
}

let lastBacklogRelayAt = 0;

/**
 * Relays whatever the outbox holds, at most once a second per process: called from the hot paths
 * (status heartbeats, registrations) so messages an outage held back follow within seconds of its
 * end, without waiting for the sweeper's minute.
 */
export async function relayBacklog(deps: Deps, intervalMs = 1_000): Promise<void> {
  if (Date.now() - lastBacklogRelayAt < intervalMs) return;
  lastBacklogRelayAt = Date.now();
  await relayOutbox(deps);
}
