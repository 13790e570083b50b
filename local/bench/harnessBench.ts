import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import type { Kafka } from 'kafkajs';
import type { SyntorConfig } from '../../lib/config/index.js';
import { ensureTopics } from '../../lib/kafka/index.js';
import { defineAgent, handlerPath } from '../../lib/manifest/index.js';
import { startHarness } from '../harness/harness.js';
import { silentLog } from '../harness/log.js';
import { COUNTING_CHANNEL, type CountReport } from './countingHandler.js';

export interface ThroughputResult {
  label: string;
  records: number;
  seconds: number;
  perSecond: number;
}

const VALUE = JSON.stringify({
  id: randomUUID(),
  type: 'task.status',
  source: 'worker',
  timestamp: new Date().toISOString(),
  payload: { taskId: randomUUID(), attempt: 1, agent: 'worker', instanceId: 'worker-1', state: 'progress', progress: 42 },
});

export async function fillTopic(kafka: Kafka, topic: string, total: number, log: (line: string) => void): Promise<void> {
  await ensureTopics(kafka.admin(), { partitions: 3, replicationFactor: 1, topics: [topic] });
  const producer = kafka.producer();
  await producer.connect();
  const chunk = 2_000;
  for (let sent = 0; sent < total; sent += chunk) {
    const n = Math.min(chunk, total - sent);
    await producer.send({ topic, messages: Array.from({ length: n }, (_, i) => ({ key: `k-${(sent + i) % 64}`, value: VALUE })) });
    if ((sent / chunk) % 10 === 0) log(`  produced ${sent + n}/${total}`);
  }
  await producer.disconnect();
}

/** A plain kafkajs consumer that resolves and auto-commits each batch: the ceiling to compare with. */
export async function bareConsumer(kafka: Kafka, topic: string, total: number): Promise<ThroughputResult> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}`, maxWaitTimeInMs: 250 });
  let count = 0;
  let firstAt = 0;
  let lastAt = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        const now = performance.now();
        if (count === 0) firstAt = now;
        count += batch.messages.length;
        lastAt = now;
        if (count >= total) resolve();
      },
    });
  });
  await done;
  await consumer.disconnect();
  const seconds = (lastAt - firstAt) / 1000;
  return { label: 'bare kafkajs consumer', records: count, seconds, perSecond: count / seconds };
}

/** Counts what the counting handler reports, wherever it runs, until `total` records were seen. */
function countReports(total: number): { done: Promise<{ records: number; firstAt: number; lastAt: number }>; close(): void } {
  const channel = new BroadcastChannel(COUNTING_CHANNEL);
  const seen = { records: 0, firstAt: Infinity, lastAt: 0 };
  const done = new Promise<typeof seen>((resolve) => {
    channel.onmessage = (message) => {
      const { records, at } = (message as { data: CountReport }).data;
      seen.records += records;
      seen.firstAt = Math.min(seen.firstAt, at);
      seen.lastAt = Math.max(seen.lastAt, at);
      if (seen.records >= total) resolve(seen);
    };
  });
  return { done, close: () => channel.close() };
}

/**
 * The harness with one no-op Kafka-triggered function at the given batch size, in isolated execution
 * environments (as `npm run local` runs) or in the harness's own process.
 */
export async function harnessConsumer(config: SyntorConfig, kafka: Kafka, topic: string, total: number, batchSize: number, isolation: boolean): Promise<ThroughputResult> {
  const counting = countReports(total);
  const agent = defineAgent({
    name: 'bench',
    kind: 'worker',
    functions: [
      {
        name: 'noop',
        entry: handlerPath(import.meta.url, './countingHandler.ts'),
        triggers: [{ type: 'kafka', topic, batchSize, consumerGroupId: `bench-harness-${randomUUID()}`, startingPosition: 'TRIM_HORIZON' }],
      },
    ],
  });
  const harness = await startHarness({ config, agents: [agent], kafka, isolation, ports: { http: false, metrics: false, health: false }, log: silentLog });
  try {
    const seen = await counting.done;
    const seconds = (seen.lastAt - seen.firstAt) / 1000;
    return { label: `harness, ${isolation ? 'isolated' : 'in-process'}, batch ${batchSize}`, records: seen.records, seconds, perSecond: seen.records / seconds };
  } finally {
    counting.close();
    await harness.stop();
  }
}
