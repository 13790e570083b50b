import { dependencyOutage } from '../errors/dependencyOutage.js';
import { chunkBySize, RECORD_FRAMING_BYTES, recordBytes } from '../kafka/messageSize.js';
import { TraceContext } from '../observability/traceContext.js';
import { SpanKind } from '../observability/tracing.js';
import type { Logger } from '../observability/index.js';
import type { ClaimedOutboxRecord } from '../store/index.js';
import type { DeadLetterArchive, EventBus, Outbox } from './ports.js';

/** How long a relay holds the rows it is sending; a relay that died lets them go after this. */
const CLAIM_MS = 30_000;
/** A batch that could not be sent is tried again after this (the broker may be back). */
const RETRY_MS = 1_000;
const BATCH = 500;

/** What the relay calls: the outbox, the broker, and the dead letters for a record the broker refuses. */
export interface RelayDeps {
  outbox: Pick<Outbox, 'claim' | 'remove' | 'release'>;
  producer: Pick<EventBus, 'sendRaw'>;
  deadLetters: Pick<DeadLetterArchive, 'add'>;
  log: Logger;
}

export interface RelayResult {
  sent: number;
  /** Why the relay stopped early (broker or database down); the rows wait for the next relay. */
  error?: string;
}

let lastWarnedAt = 0;
let lastBrokerOutageAt = Number.NEGATIVE_INFINITY;

/** Whether this process failed to reach Kafka within the last `withinMs` (a relay that met an outage). */
export function sawBrokerOutage(withinMs: number, now = Date.now()): boolean {
  return now - lastBrokerOutageAt <= withinMs;
}

/**
 * Sends what the outbox holds to Kafka, oldest first, and deletes what was sent; with `ids`, only
 * those rows (the ones a caller just committed). Never throws: what cannot be sent now stays for the
 * next relay, which every coordinator invocation and the sweeper run. A row sent but not deleted
 * (a crash in between) is sent again: consumers are idempotent, as Kafka delivery is at-least-once.
 */
export async function relayOutbox(deps: RelayDeps, options: { ids?: readonly string[] } = {}): Promise<RelayResult> {
  if (options.ids?.length === 0) return { sent: 0 };
  let sent = 0;
  try {
    for (;;) {
      const rows = await deps.outbox.claim(BATCH, CLAIM_MS, options.ids);
      if (rows.length === 0) return { sent };
      sent += await sendClaimed(deps, rows);
      if (options.ids || rows.length < BATCH) return { sent };
    }
  } catch (error) {
    const message = (error as Error).message;
    if (dependencyOutage(error) === 'kafka') lastBrokerOutageAt = Date.now();
    // One line per outage, not one per invocation.
    if (Date.now() - lastWarnedAt > 10_000) {
      lastWarnedAt = Date.now();
      deps.log.warn({ service: dependencyOutage(error) ?? 'unknown', error: { message } }, 'outbox not relayed yet; it will be retried');
    }
    return { sent, error: message };
  }
}

/**
 * Sends claimed rows and deletes them. A failure gives the rows back for the next relay, except a
 * record the broker refuses: that is narrowed down row by row, so one bad row never holds up the
 * rows behind it — it is moved to the dead letters with the reason, the rest go out.
 */
async function sendClaimed(deps: RelayDeps, rows: readonly ClaimedOutboxRecord[]): Promise<number> {
  try {
    await sendInOrder(deps, rows);
    await deps.outbox.remove(rows.map((r) => r.id));
    return rows.length;
  } catch (error) {
    // Anything but the broker refusing a record (an outage, a misconfigured client) is the relay's
    // trouble, not the rows': they wait for the next relay.
    if (!recordRefused(error)) {
      await deps.outbox.release(rows.map((r) => r.id), RETRY_MS).catch(() => undefined);
      throw error;
    }
    if (rows.length === 1) {
      await quarantine(deps, rows[0]!, error);
      return 0;
    }
    let sent = 0;
    for (const row of rows) sent += await sendClaimed(deps, [row]);
    return sent;
  }
}

// Broker answers that say this record (not the broker, not the client) is the problem.
// https://kafka.apache.org/protocol#protocol_error_codes
const REFUSED_RECORD_TYPES = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);

function recordRefused(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; type?: unknown; cause?: unknown; originalError?: unknown };
  if (e.code === 'message-too-large' || (typeof e.type === 'string' && REFUSED_RECORD_TYPES.has(e.type))) return true;
  return recordRefused(e.cause, depth + 1) || recordRefused(e.originalError, depth + 1);
}

/** A row the broker will never take: kept as a dead letter (redrivable to its topic), out of the outbox. */
async function quarantine(deps: RelayDeps, row: ClaimedOutboxRecord, error: unknown): Promise<void> {
  await deps.deadLetters.add({
    reason: `the outbox could not publish this record: ${(error as Error).message}`,
    reasonCode: 'outbox-undeliverable',
    origin: { topic: row.topic, partition: 0, offset: '0', key: row.key },
    value: Buffer.from(row.value).toString('base64'),
    failedBy: 'coordination-outbox',
    failedAt: new Date().toISOString(),
    ...(row.taskId ? { taskId: row.taskId } : {}),
    details: { outboxId: row.id, attempts: row.attempts, headers: row.headers },
  });
  await deps.outbox.remove([row.id]);
  deps.log.error({ outboxId: row.id, topic: row.topic, error: { message: (error as Error).message } }, 'outbox record dead-lettered');
}

/**
 * One request per run of consecutive rows of a topic (so a key's messages keep their order), split
 * so that no request's batch for a partition exceeds what the broker accepts in one record batch.
 */
async function sendInOrder(deps: RelayDeps, rows: readonly ClaimedOutboxRecord[]): Promise<void> {
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && rows[end]!.topic === rows[start]!.topic) end += 1;
    const topic = rows[start]!.topic;
    const run = rows.slice(start, end).map((r) => ({ key: r.key, value: r.value, headers: r.headers }));
    for (const chunk of chunkBySize(run, (r) => recordBytes(r) + RECORD_FRAMING_BYTES)) await sendTraced(deps, topic, chunk);
    start = end;
  }
}

/** One broker request, as a `send` span in the caller's trace (each record carries its own task's context). */
async function sendTraced(deps: RelayDeps, topic: string, records: { key: string | null; value: string; headers: Record<string, string> }[]): Promise<void> {
  const sending = {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': topic, 'messaging.batch.message_count': records.length },
  };
  await TraceContext.active().span(`send ${topic}`, sending, () => deps.producer.sendRaw(topic, records));
}

/**
 * Relays `ids` but waits at most `waitMs` for it: a request that committed its work answers without
 * waiting on a broker that is down; the relay goes on (or the next one sends the rows).
 */
export async function relaySoon(deps: RelayDeps, ids: readonly string[], waitMs = 2_000): Promise<void> {
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
export async function relayBacklog(deps: RelayDeps, intervalMs = 1_000): Promise<void> {
  if (Date.now() - lastBacklogRelayAt < intervalMs) return;
  lastBacklogRelayAt = Date.now();
  await relayOutbox(deps);
}
