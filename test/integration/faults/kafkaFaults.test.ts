import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logLevel, type EachMessagePayload, type Kafka } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config/index.js';
import { dependencyOutage } from '../../../lib/errors/dependencyOutage.js';
import { createKafka, createProducer, ensureTopics } from '../../../lib/kafka/index.js';
import { startResilientConsumer } from '../../../local/harness/kafka/resilientConsumer.js';
import { startKafka, stopKafka } from '../../../local/services/index.js';
import { kafkaStatePaths } from '../../../local/services/paths.js';
import { waitForExit } from '../../../local/services/processes.js';
import { testConfig, uniqueName } from '../support/testConfig.js';
import { deadPort, failOnUncaught, until } from './support.js';

failOnUncaught();
const quiet = { logLevel: logLevel.NOTHING };

function captureLog() {
  const lines: string[] = [];
  return { lines, info: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
}

async function newTopic(kafka: Kafka): Promise<string> {
  const topic = uniqueName('it-faults');
  await ensureTopics(kafka.admin(), { partitions: 1, replicationFactor: 1, topics: [topic] });
  return topic;
}

describe('Kafka: a producer without a broker', () => {
  it('rejects with a kafka outage, and connects once a broker is there', async () => {
    // Prepare
    const config = loadConfig({ ...process.env, SYNTOR_KAFKA_BROKERS: `127.0.0.1:${await deadPort()}` });
    const producer = createProducer(createKafka(config, { ...quiet, retry: { retries: 1 } }));

    // Act
    const error = await producer.sendRaw('syntor.tasks', [{ value: '{}' }]).then(
      () => undefined,
      (e: unknown) => e,
    );

    // Assess
    expect(dependencyOutage(error)).toBe('kafka');
    await producer.disconnect();
  });
});

describe('Kafka: the harness poller after a crash kafkajs does not restart', () => {
  it('replaces the consumer and consumes on', async () => {
    // Prepare: a handler error kafkajs is told not to retry crashes the consumer with restart: false
    const kafka = createKafka(testConfig(), quiet);
    const topic = await newTopic(kafka);
    const seen: string[] = [];
    let crashed = false;
    const log = captureLog();
    const consumer = await startResilientConsumer({
      kafka,
      config: { groupId: uniqueName('it-faults-group'), maxWaitTimeInMs: 100 },
      topic,
      fromBeginning: true,
      run: {
        eachMessage: async ({ message }: EachMessagePayload) => {
          seen.push(message.value!.toString());
          if (!crashed) {
            crashed = true;
            throw Object.assign(new Error('poisoned once'), { retriable: false });
          }
        },
      },
      name: 'faults#1',
      log,
      retry: { initialMs: 100, maxMs: 500 },
    });
    const producer = createProducer(kafka);

    // Act
    await producer.sendRaw(topic, [{ value: 'a' }]);
    await until('the record again after the crash', () => seen.length >= 2, 45_000);
    await producer.sendRaw(topic, [{ value: 'b' }]);
    await until('a record sent after the crash', () => seen.includes('b'), 30_000);

    // Assess
    expect(seen.slice(0, 2)).toEqual(['a', 'a']);
    expect(consumer.restarts()).toBe(1);
    expect(log.lines.some((l) => /kafkajs will not restart it \(poisoned once\); replacing it/.test(l))).toBe(true);
    await producer.disconnect();
    await consumer.stop();
  });
});

describe('Kafka: a broker killed (kill -9) and started again', () => {
  const workDir = mkdtemp(join(tmpdir(), 'syntor-faults-kafka-'));
  afterAll(async () => {
    await stopKafka({ repoRoot: await workDir });
    await rm(await workDir, { recursive: true, force: true });
  });

  it('the producer and the poller both carry on by themselves', async () => {
    // Prepare: a broker of this test's own, on ports nobody else uses; only ever this one is killed
    const root = await workDir;
    const env = { ...process.env, SYNTOR_KAFKA_BROKERS: `127.0.0.1:${await deadPort()}`, SYNTOR_KAFKA_CONTROLLER_PORT: String(await deadPort()) };
    const config = loadConfig(env);
    const start = async () => {
      const result = await startKafka({ config, repoRoot: root, env });
      expect(result.started).toBe(true);
    };
    await start();
    const kafka = createKafka(config, { ...quiet, retry: { retries: 3, initialRetryTime: 200 } });
    const topic = await newTopic(kafka);
    const seen = new Set<string>();
    const consumer = await startResilientConsumer({
      kafka,
      config: { groupId: uniqueName('it-faults-group'), maxWaitTimeInMs: 100, retry: { retries: 3, initialRetryTime: 200 } },
      topic,
      fromBeginning: true,
      run: { eachMessage: async ({ message }: EachMessagePayload) => void seen.add(message.value!.toString()) },
      name: 'faults#2',
      log: captureLog(),
      retry: { initialMs: 200, maxMs: 2_000 },
    });
    const producer = createProducer(kafka);
    await producer.sendRaw(topic, [{ value: 'before' }]);
    await until('the record before the kill', () => seen.has('before'), 30_000);

    // Act
    const pid = Number((await readFile(kafkaStatePaths(root).pidFile, 'utf8')).trim());
    process.kill(pid, 'SIGKILL');
    expect(await waitForExit(pid, 10_000)).toBe(true);
    const duringOutage = await producer.sendRaw(topic, [{ value: 'lost' }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    await start();
    await until('a send to succeed after the restart', () =>
      producer.sendRaw(topic, [{ value: 'after' }]).then(
        () => true,
        () => false,
      ),
    60_000);
    await until('the poller to consume after the restart', () => seen.has('after'), 90_000);

    // Assess
    expect(dependencyOutage(duringOutage)).toBe('kafka');
    await producer.disconnect();
    await consumer.stop();
  }, 240_000);
});
