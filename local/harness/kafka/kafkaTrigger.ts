import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { KafkaTrigger } from '../../../lib/contracts/index.js';
import { appliedBatchingWindowMs, effectiveRetryAttempts } from '../../../lib/manifest/index.js';
import { buildMskEvent, fromKafkaJsMessage, type KafkaEventSource, type SyntorProducer } from '../../../lib/kafka/index.js';
import { recordsInvokeOf, type RecordsInvoke } from '../environment/index.js';
import type { Invoke } from '../invoker.js';
import type { HarnessLog } from '../log.js';
import type { PlatformMetrics } from '../../../lib/observability/metrics.js';
import { newTriggerStatus, type TriggerStatus } from '../triggerStatus.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './backoff.js';
import { interpretResponse, type BatchOutcome } from './batchResponse.js';
import { commitAll, type BufferedRecord, type CommitOffsets } from './commitPlan.js';
import { POLLER_FAILURES, POLLER_LIMITS } from './constants.js';
import { deadLetterRecords } from './deadLetter.js';
import { deliverBatch } from './deliverBatch.js';
import { formBatch, type PendingRecord } from './formBatch.js';
import { InFlightPartitions } from './inFlightPartitions.js';
import { PendingRecords } from './pendingRecords.js';
import type { LambdaFailure } from './lambdaFailureRecord.js';
import { eventBytes, recordBytes, singleRecordEventBytes } from './payloadSize.js';
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
  /** The shape of the events (MSK or self-managed) and of the dead letters. @default the local MSK cluster */
  eventSource?: KafkaEventSource;
  /** Batches in flight at once, each on partitions no other holds. @default 5, Lambda's per poller */
  concurrency?: number;
  /** @default 6 MB */
  payloadBytes?: number;
}

export interface RunningKafkaTrigger {
  status(): TriggerStatus;
  /** Stops fetching, lets the in-flight batches finish and commit, then leaves the group. */
  stop(): Promise<void>;
}

/**
 * One Lambda Kafka event poller: batches records from its consumer group the way Lambda does (up to
 * the batch size and 6 MB, or what arrived within the batching window; several partitions may share a
 * batch, order is kept within each), runs up to 5 batches at once on disjoint partitions, and commits
 * only what succeeded, per partition in offset order. Failures follow deliverBatch.ts.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html
 */
export async function startKafkaTrigger(options: KafkaTriggerOptions): Promise<RunningKafkaTrigger> {
  const { trigger, log, metrics } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const concurrency = options.concurrency ?? POLLER_LIMITS.concurrentInvocations;
  const payloadBytes = options.payloadBytes ?? POLLER_LIMITS.payloadBytes;
  const windowMs = appliedBatchingWindowMs(trigger.batchingWindowMs);
  const emptyEventBytes = eventBytes(options.eventSource);
  const labels = { agent: options.agent, function: options.functionId, trigger: 'kafka' };
  const status = newTriggerStatus(options.functionId, options.instance, `kafka:${trigger.topic}`);
  const name = `${options.functionId}#${options.instance}`;
  // Enough read-ahead to form the next batches while some run; beyond it, fetching pauses.
  const maxBuffered = Math.max(trigger.batchSize * 10, 20_000);

  const buffer = new PendingRecords();
  // An isolated function's environment builds the event from the records: this thread only packs them.
  const invokeRecords: RecordsInvoke = recordsInvokeOf(options.invoke) ?? ((records, source) => options.invoke(buildMskEvent(records, source)));
  const inFlight = new InFlightPartitions();
  const running = new Set<Promise<void>>();
  let windowTimer: NodeJS.Timeout | undefined;
  let paused = false;
  let stopping = false;
  let stopSleep = new AbortController();

  // A crashed consumer is replaced by a new one: commit, pause and resume on the latest.
  let latest: Consumer | undefined;
  const consumer = (): Consumer => latest!;

  /** Whether the waiting records (of partitions not in flight) make a batch now, else when they will. */
  function readiness(now: number): { ready: boolean; at?: number } {
    let matched = 0;
    let bytes = 0;
    let oldest: number | undefined;
    if (!buffer.hasWaitingOutside(inFlight)) return { ready: false };
    // Stops at the first record that decides it: the buffer may hold thousands.
    for (const run of buffer.pendingRuns()) {
      if (inFlight.has(run.tp)) continue;
      for (let i = run.start; i < run.length; i += 1) {
        const item = run.at(i);
        if (oldest === undefined) {
          oldest = item.bufferedAt;
          if (windowMs === 0 || now >= oldest + windowMs) return { ready: true };
        }
        if (item.matched) matched += 1;
        bytes += item.bytes;
        if (matched >= trigger.batchSize || bytes >= payloadBytes) return { ready: true };
      }
    }
    if (oldest === undefined) return { ready: false };
    return { ready: false, at: oldest + windowMs };
  }

  /** Starts as many batches as there are free slots and ready records; arms the window for the rest. */
  function pump() {
    clearTimeout(windowTimer);
    windowTimer = undefined;
    if (stopping) return;
    while (running.size < concurrency) {
      const { ready, at } = readiness(Date.now());
      if (!ready) {
        if (at !== undefined) windowTimer = setTimeout(pump, Math.max(0, at - Date.now()));
        break;
      }
      const { batch, tooLarge } = formBatch(buffer, { batchSize: trigger.batchSize, payloadBytes, eventBytes: emptyEventBytes, inFlight });
      if (batch.length === 0) break;
      inFlight.claim(batch);
      const run: Promise<void> = (tooLarge ? deadLetterTooLarge(batch) : deliverBatch(batch, delivery))
        .catch((error: unknown) => log.error(`${name}: batch processing stopped unexpectedly: ${(error as Error).message}`))
        .finally(() => {
          inFlight.release(batch);
          running.delete(run);
          if (paused && buffer.size < maxBuffered / 2 && !stopping) {
            consumer().resume([{ topic: trigger.topic }]);
            paused = false;
          }
          pump();
        });
      running.add(run);
    }
  }

  // Commits go out in order but are not awaited before the next batch: a lost commit only means
  // redelivery (at-least-once), and waiting a broker round trip per batch would halve throughput.
  // A partition is in one batch at a time, so its commits are issued in offset order.
  let commits: Promise<void> = Promise.resolve();
  function commit(offsets: CommitOffsets): void {
    if (offsets.length === 0) return;
    commits = commits.then(() =>
      consumer().commitOffsets(offsets).catch((error: unknown) => {
        // Typically a rebalance: the partition's new owner starts from the last commit.
        log.warn(`${name}: commit failed, records will be redelivered: ${(error as Error).message}`);
      }),
    );
  }

  async function invokeOnce(items: readonly BufferedRecord[]): Promise<BatchOutcome> {
    const records = items.filter((i) => i.matched).map((i) => i.record);
    metrics.invocations.inc(labels);
    metrics.batchSize.observe({ agent: options.agent, function: options.functionId }, records.length);
    status.invocations += 1;
    status.records += records.length;
    status.lastInvocationAt = new Date().toISOString();
    const endTimer = metrics.duration.startTimer(labels);
    try {
      const { result } = await invokeRecords(records, options.eventSource);
      return interpretResponse(result, records, trigger.reportBatchItemFailures);
    } catch (error) {
      return { kind: 'failure', reason: (error as Error).message };
    } finally {
      endTimer();
    }
  }

  /** Keeps trying (the broker may be down) until the records are on syntor.dlq; false if stopped first. */
  async function deadLetter(items: readonly BufferedRecord[], reason: string, failure: LambdaFailure): Promise<boolean> {
    const records = items.filter((i) => i.matched).map((i) => i.record);
    for (let attempt = 1; !stopping; attempt += 1) {
      try {
        await deadLetterRecords(options, records, reason, failure);
        return true;
      } catch (error) {
        log.error(`${name}: cannot write to syntor.dlq (attempt ${attempt}): ${(error as Error).message}`);
        await sleep(backoffMs(attempt, retry), undefined, { signal: stopSleep.signal }).catch(() => undefined);
      }
    }
    return false;
  }

  /**
   * AWS does not document what happens to a Kafka record whose event alone passes 6 MB; the harness
   * sends it to syntor.dlq uninvoked (condition `MaximumPayloadSizeExceeded`, the name other on-failure
   * destinations document) and commits it, so its partition goes on.
   */
  async function deadLetterTooLarge(batch: readonly BufferedRecord[]) {
    const { record } = batch[0]!;
    const reason = `record-too-large: the event for ${record.topic}-${record.partition}@${record.offset} alone is ${singleRecordEventBytes(record, options.eventSource)} bytes, over Lambda's ${payloadBytes}-byte invocation payload`;
    log.error(`${name}: ${reason}; to syntor.dlq without invoking`);
    if (await deadLetter(batch, reason, POLLER_FAILURES.recordTooLarge)) commit(commitAll(batch));
  }

  const delivery = {
    trigger,
    retries: effectiveRetryAttempts(trigger),
    retry,
    name,
    log,
    invoke: invokeOnce,
    commit,
    deadLetter,
    sleep: (ms: number) => sleep(ms, true, { signal: stopSleep.signal }).catch(() => false),
    stopping: () => stopping,
    onSuccess() {
      status.consecutiveFailures = 0;
      status.state = 'running';
    },
    onFailure(reason: string) {
      metrics.errors.inc(labels);
      status.failures += 1;
      status.consecutiveFailures += 1;
      status.state = 'retrying';
      status.lastError = reason;
    },
  };

  async function eachBatch({ batch, isStale, resolveOffset }: EachBatchPayload) {
    if (stopping || isStale() || batch.messages.length === 0) return;
    const bufferedAt = Date.now();
    const tp = `${batch.topic}-${batch.partition}`;
    const { topic, partition } = batch;
    buffer.addFetched(tp, batch.messages, (message): PendingRecord => {
      const record = fromKafkaJsMessage(topic, partition, message);
      const matched = options.filter(record.value);
      if (!matched) {
        metrics.recordsFiltered.inc({ agent: options.agent, function: options.functionId });
        status.filtered += 1;
      }
      return { record, tp, matched, bufferedAt, bytes: matched ? recordBytes(record) : 0 };
    });
    // Moves kafkajs's fetch position on; the commit happens only after the handler succeeds.
    resolveOffset(batch.lastOffset());
    if (buffer.size >= maxBuffered && !paused) {
      consumer().pause([{ topic: trigger.topic }]);
      paused = true;
    }
    pump();
  }

  function watch(created: Consumer) {
    latest = created;
    created.on(created.events.GROUP_JOIN, () => {
      // After a rebalance (or a replaced consumer) kafkajs fetches again from the committed offsets:
      // buffered records would repeat, and the new consumer has nothing paused.
      buffer.clear();
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
    // AT_TIMESTAMP: the group's offsets were set before the first poller started (startingPosition.ts).
    fromBeginning: trigger.startingPosition !== 'LATEST',
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
      await Promise.all(running);
      await commits;
      await resilient.stop();
      status.state = 'stopped';
    },
  };
}
