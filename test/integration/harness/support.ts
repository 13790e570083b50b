import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { logLevel, type Kafka } from 'kafkajs';
import type { AgentManifest } from '../../../lib/contracts/index.js';
import { createKafka, createProducer, ensureTopics, readMskEvent, type KafkaRecord } from '../../../lib/kafka/index.js';
import { startHarness, type HarnessOptions, type RunningHarness } from '../../../local/harness/harness.js';
import { silentLog, type HarnessLog } from '../../../local/harness/log.js';
import { behaviours, callsOf, journal } from '../../fixtures/agents/probe/handler.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

// kafkajs logs retriable group churn at ERROR; these tests provoke plenty of it on purpose.
export const kafka: Kafka = createKafka(testConfig(), { logLevel: logLevel.NOTHING });
export const producer = createProducer(kafka);

export async function createTopic(partitions = 1): Promise<string> {
  const topic = uniqueName('it-harness');
  await ensureTopics(kafka.admin(), { partitions, replicationFactor: 1, topics: [topic] });
  return topic;
}

const rawProducer = kafka.producer();
let rawConnected: Promise<void> | undefined;

/** Writes plain values (or keyed, partitioned, with headers) straight to a topic. */
export async function produce(topic: string, values: readonly (string | { value: string; key?: string; partition?: number; headers?: Record<string, string> })[]) {
  rawConnected ??= rawProducer.connect();
  await rawConnected;
  await rawProducer.send({
    topic,
    acks: -1,
    messages: values.map((v) => {
      const m = typeof v === 'string' ? { value: v } : v;
      return { value: m.value, key: m.key ?? null, headers: m.headers ?? {}, ...(m.partition === undefined ? {} : { partition: m.partition }) };
    }),
  });
}

export async function disconnectProducers() {
  if (rawConnected) await rawProducer.disconnect();
  rawConnected = undefined;
  await producer.disconnect();
}

/** A captured log, so tests can assert on what a person would have seen. */
export function captureLog(): HarnessLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(l), error: (l) => lines.push(l) };
}

/**
 * Where harness tests build bundles (`bundles: { dir }`): content-addressed, so files share it; outside
 * the repository, as a Lambda asset is, with no node_modules above to fall back on.
 */
export const HARNESS_TEST_BUNDLE_DIR = join(tmpdir(), 'syntor-harness-test-bundles');

const started: RunningHarness[] = [];

/** Starts the harness for one agent with test defaults; {@link resetHarnesses} stops it after the test. */
export async function runHarness(agent: AgentManifest, options: Partial<HarnessOptions> = {}): Promise<RunningHarness> {
  const harness = await startHarness({
    config: testConfig(),
    agents: [agent],
    kafka,
    ports: { http: false, metrics: false, health: false },
    retry: { initialMs: 100, maxMs: 400 },
    lagIntervalMs: 500,
    log: silentLog,
    // In this process, so tests read the probe handler's journal and give it behaviours; the
    // execution environments are proven in environments.test.ts and isolatedHarness.test.ts.
    isolation: false,
    ...options,
  });
  started.push(harness);
  return harness;
}

/** For `afterEach`: stops every harness the test started and forgets the probe's journal and behaviours. */
export async function resetHarnesses(): Promise<void> {
  await Promise.all(started.splice(0).map((h) => h.stop()));
  journal.clear();
  behaviours.clear();
}

export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Every record each invocation of `functionName` received, per invocation. */
export function batchesOf(functionName: string): KafkaRecord[][] {
  return callsOf(functionName).map((call) => readMskEvent(call.event));
}

export function valuesOf(records: readonly KafkaRecord[]): string[] {
  return records.map((r) => r.value?.toString() ?? '');
}

/** A group's committed offsets per partition, on the shared broker unless `on` names another. */
export async function committed(groupId: string, topic: string, on: Kafka = kafka): Promise<Record<number, string>> {
  const admin = on.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((offsets?.partitions ?? []).map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }
}

export { uniqueName };

/** Every message a fresh consumer group has read from `topics` since it joined, parsed. */
export interface TopicWatch {
  seen: { topic: string; value: Record<string, unknown> }[];
  stop(): Promise<void>;
}

/** Starts reading `topics` from their end; resolves once the group has joined, so nothing after is missed. */
export async function watchTopics(topics: readonly string[], name = 'it-watch'): Promise<TopicWatch> {
  const seen: TopicWatch['seen'] = [];
  const consumer = kafka.consumer({ groupId: uniqueName(name), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({ eachMessage: async ({ topic, message }) => void seen.push({ topic, value: JSON.parse(message.value?.toString() ?? '{}') as Record<string, unknown> }) });
  await joined;
  return { seen, stop: () => consumer.disconnect() };
}
