import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { KafkaTrigger } from '../../../lib/contracts/index.js';
import { buildMskEvent, fromKafkaJsMessage, type KafkaEventSource, type SyntorProducer } from '../../../lib/kafka/index.js';
import type { Invoke } from '../invoker.js';
import type { HarnessLog } from '../log.js';
import type { PlatformMetrics } from '../../../lib/observability/metrics.js';
import { newTriggerStatus, type TriggerStatus } from '../triggerStatus.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './backoff.js';
import { interpretResponse, type BatchOutcome } from './batchResponse.js';
import { commitAll, commitPartial, type BufferedRecord, type CommitOffsets } from './commitPlan.js';
import { deadLetterRecords } from './deadLetter.js';
import { startResilientConsumer } from './resilientConsumer.js';

export interface KafkaTriggerOptions {
  kafka: Kafka;
  agent: string;
  functionId: string;
  /** 1-based; several instances of one function share the consumer group, as concurrent Lambda pollers do. */
  instance: number;
  trigger: KafkaTrigger;
  groupId: string;
  invoke: Invoke;
  /** Compiled filter criteria: false drops the record (its offset is still committed). */
  filter: (value: Buffer | null) => boolean;
  /** Sends records whose retries ran out to syntor.dlq. */
  producer: SyntorProducer;
  metrics: PlatformMetrics;
  log: HarnessLog;
  retry?: RetryPolicy;
  /** Which of Lambda's Kafka triggers the events say they come from (default: the local MSK cluster). */
  eventSource?: KafkaEventSource;
}

export interface RunningKafkaTrigger {
  status(): TriggerStatus;
  /** Stops fetching, lets the in-flight batch finish and commit, then leaves the group. */
  stop(): Promise<void>;
}

/**
 * One Lambda Kafka event source mapping poller: batches records from its consumer group the way
 * Lambda does (up to the batch size, or what arrived within the batching window; several partitions
 * may share a batch, order is kept within each), invokes the handler with the MSK event, and commits
 * only what succeeded. A failed invocation is retried with backoff; a partial batch response commits
 * up to each partition's first failed record and redelivers from it.
 */
export async function startKafkaTrigger(options: KafkaTriggerOptions): Promise<RunningKafkaTrigger> {
  const { trigger, log, metrics } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const labels = { agent: options.agent, function: options.functionId, trigger: 'kafka' };
  const status = newTriggerStatus(options.functionId, options.instance, `kafka:${trigger.topic}`);
  const name = `${options.functionId}#${options.instance}`;
  // Enough read-ahead to form the next batch while one runs; beyond it, fetching pauses.
  const maxBuffered = Math.max(trigger.batchSize * 10, 20_000);

  let buffer: BufferedRecord[] = [];
  let windowStartedAt: number | undefined;
  let windowTimer: NodeJS.Timeout | undefined;
  let paused = false;
  let stopping = false;
  let stopSleep = new AbortController();
  // Batches run one at a time per poller, so a partition's records are handled in order.
  let queue: Promise<void> = Promise.resolve();

  // A crashed consumer is replaced by a new one: commit, pause and resume on the latest.
  let latest: Consumer | undefined;
  const consumer = (): Consumer => latest!;

  const matchedCount = () => buffer.reduce((n, item) => n + (item.matched ? 1 : 0), 0);

  function schedule(reason: 'full' | 'window') {
    queue = queue.then(() => deliverNext(reason)).catch((error: unknown) => {
      log.error(`${name}: batch processing stopped unexpectedly: ${(error as Error).message}`);
    });
  }

  function armWindow() {
    if (windowTimer || buffer.length === 0 || stopping) return;
    windowStartedAt ??= Date.now();
    const wait = Math.max(0, windowStartedAt + trigger.batchingWindowMs - Date.now());
    windowTimer = setTimeout(() => {
      windowTimer = undefined;
      schedule('window');
    }, wait);
  }

  function takeBatch(): BufferedRecord[] {
    let matched = 0;
    let end = 0;
    while (end < buffer.length && matched < trigger.batchSize) {
      if (buffer[end]!.matched) matched += 1;
      end += 1;
    }
    // Trailing filtered records ride along so their offsets are committed with this batch.
    while (end < buffer.length && !buffer[end]!.matched) end += 1;
    const batch = buffer.slice(0, end);
    buffer = buffer.slice(end);
    windowStartedAt = buffer.length > 0 ? Date.now() : undefined;
    return batch;
  }

  // Commits go out in order but are not awaited before the next batch: a lost commit only means
  // redelivery (at-least-once), and waiting a broker round trip per batch would halve throughput.
  let commits: Promise<void> = Promise.resolve();
  function commit(offsets: CommitOffsets): Promise<void> {
    if (offsets.length === 0) return commits;
    commits = commits.then(() =>
      consumer().commitOffsets(offsets).catch((error: unknown) => {
        // Typically a rebalance: the partition's new owner starts from the last commit.
        log.warn(`${name}: commit failed, records will be redelivered: ${(error as Error).message}`);
      }),
    );
    return commits;
  }

  async function invokeOnce(items: BufferedRecord[]): Promise<BatchOutcome> {
    const records = items.filter((i) => i.matched).map((i) => i.record);
    metrics.invocations.inc(labels);
    metrics.batchSize.observe({ agent: options.agent, function: options.functionId }, records.length);
    status.invocations += 1;
    status.records += records.length;
    status.lastInvocationAt = new Date().toISOString();
    const endTimer = metrics.duration.startTimer(labels);
    try {
      const { result } = await options.invoke(buildMskEvent(records, options.eventSource));
      return interpretResponse(result, records, trigger.reportBatchItemFailures);
    } catch (error) {
      return { kind: 'failure', reason: (error as Error).message };
    } finally {
      endTimer();
    }
  }

  async function deliver(batch: BufferedRecord[]) {
    let items = batch;
    for (let retries = 0; ; retries += 1) {
      if (stopping) return; // not committed: redelivered on the next start
      if (!items.some((i) => i.matched)) {
        void commit(commitAll(items));
        return;
      }
      const outcome = await invokeOnce(items);
      if (outcome.kind === 'success') {
        status.consecutiveFailures = 0;
        status.state = 'running';
        void commit(commitAll(items));
        return;
      }
      metrics.errors.inc(labels);
      status.failures += 1;
      status.consecutiveFailures += 1;
      status.state = 'retrying';
      let reason: string;
      if (outcome.kind === 'partial') {
        const plan = commitPartial(items, outcome.failedFrom);
        void commit(plan.commit);
        items = plan.redeliver;
        reason = `partial batch failure from ${[...outcome.failedFrom].map(([tp, offset]) => `${tp}@${offset}`).join(', ')}`;
      } else {
        reason = outcome.reason;
      }
      status.lastError = reason;
      if (trigger.maximumRetryAttempts >= 0 && retries >= trigger.maximumRetryAttempts) {
        log.error(`${name}: giving up after ${retries + 1} attempts, ${items.filter((i) => i.matched).length} records to syntor.dlq: ${reason}`);
        if (await deadLetter(items, reason)) void commit(commitAll(items));
        status.state = 'running';
        return;
      }
      const delay = backoffMs(retries + 1, retry);
      log.warn(`${name}: invocation failed (attempt ${retries + 1}), retrying in ${delay} ms: ${reason}`);
      try {
        await sleep(delay, undefined, { signal: stopSleep.signal });
      } catch {
        return; // stopping
      }
    }
  }

  /** Keeps trying (the broker may be down) until the records are on syntor.dlq; false if stopped first. */
  async function deadLetter(items: BufferedRecord[], reason: string): Promise<boolean> {
    const records = items.filter((i) => i.matched).map((i) => i.record);
    for (let attempt = 1; !stopping; attempt += 1) {
      try {
        await deadLetterRecords(options, records, reason);
        return true;
      } catch (error) {
        log.error(`${name}: cannot write to syntor.dlq (attempt ${attempt}): ${(error as Error).message}`);
        await sleep(backoffMs(attempt, retry), undefined, { signal: stopSleep.signal }).catch(() => undefined);
      }
    }
    return false;
  }

  async function deliverNext(reason: 'full' | 'window') {
    if (stopping || buffer.length === 0) return;
    // A window tick only delivers once the window has really elapsed (a full flush may have restarted it).
    if (reason === 'window' && windowStartedAt !== undefined && Date.now() < windowStartedAt + trigger.batchingWindowMs) {
      armWindow();
      return;
    }
    clearTimeout(windowTimer);
    windowTimer = undefined;
    await deliver(takeBatch());
    if (paused && buffer.length < maxBuffered / 2 && !stopping) {
      consumer().resume([{ topic: trigger.topic }]);
      paused = false;
    }
    if (matchedCount() >= trigger.batchSize) schedule('full');
    else armWindow();
  }

  async function eachBatch({ batch, isStale, resolveOffset }: EachBatchPayload) {
    if (stopping || isStale() || batch.messages.length === 0) return;
    for (const message of batch.messages) {
      const record = fromKafkaJsMessage(batch.topic, batch.partition, message);
      const matched = options.filter(record.value);
      if (!matched) {
        metrics.recordsFiltered.inc({ agent: options.agent, function: options.functionId });
        status.filtered += 1;
      }
      buffer.push({ record, matched });
    }
    // Moves kafkajs's fetch position on; the commit happens only after the handler succeeds.
    resolveOffset(batch.lastOffset());
    if (buffer.length >= maxBuffered && !paused) {
      consumer().pause([{ topic: trigger.topic }]);
      paused = true;
    }
    if (trigger.batchingWindowMs === 0 || matchedCount() >= trigger.batchSize) schedule('full');
    else armWindow();
  }

  function watch(created: Consumer) {
    latest = created;
    created.on(created.events.GROUP_JOIN, () => {
      // After a rebalance (or a replaced consumer) kafkajs fetches again from the committed offsets:
      // buffered records would repeat, and the new consumer has nothing paused.
      buffer = [];
      windowStartedAt = undefined;
      paused = false;
    });
    created.on(created.events.CRASH, (event) => {
      if (event.payload.restart) log.error(`${name}: consumer crashed (${event.payload.error.message}); kafkajs restarts it`);
    });
  }

  const resilient = await startResilientConsumer({
    kafka: options.kafka,
    config: {
      groupId: options.groupId,
      // Handlers run outside eachBatch (records are buffered), so heartbeats keep going however long an
      // invocation takes; a short session lets a harness killed -9 hand its partitions on in ~10 s.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 250,
    },
    topic: trigger.topic,
    fromBeginning: trigger.startingPosition === 'TRIM_HORIZON',
    run: { autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1, eachBatch },
    setup: watch,
    name,
    log,
  });
  status.state = 'running';

  return {
    status: () => ({ ...status }),
    async stop() {
      if (stopping) return;
      stopping = true;
      clearTimeout(windowTimer);
      stopSleep.abort();
      stopSleep = new AbortController();
      await queue;
      await commits;
      await resilient.stop();
      status.state = 'stopped';
    },
  };
}
