import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logLevel, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type SyntorConfig } from '../../../lib/config/index.js';
import { createKafka, ensureTopics } from '../../../lib/kafka/index.js';
import { findJava } from '../../../local/services/findExecutable.js';
import { probeKafka, resetKafka, startKafka, stopKafka, kafkaStatePaths } from '../../../local/services/index.js';
import { waitForExit } from '../../../local/services/processes.js';
import { freePorts } from '../../../local/chaos/freePort.js';
import { committed } from '../harness/support.js';
import { uniqueName } from '../support/testConfig.js';

// Its own broker in a scratch repoRoot on free ports: the shared one on 9092 is never stopped or reset.
// On CI a missing java must fail the run (startKafka throws), so only a developer's machine skips.
const canRun = findJava(process.env) !== undefined || process.env.CI === 'true';
const RECORDS = 100;
const BROKER_START_MS = 240_000;

describe.skipIf(!canRun)('the local Kafka broker keeps its data', () => {
  let repoRoot: string;
  let config: SyntorConfig;
  let env: NodeJS.ProcessEnv;
  let kafka: Kafka;
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);
  const topic = uniqueName('it-persist');
  const groupId = uniqueName('it-persist-group');
  const start = () => startKafka({ config, env, repoRoot, log, required: process.env.CI === 'true' });

  beforeAll(async () => {
    repoRoot = await mkdtemp(join(tmpdir(), 'syntor-kafka-persist-'));
    const [brokerPort, controllerPort] = await freePorts(2);
    config = loadConfig({ ...process.env, SYNTOR_KAFKA_BROKERS: `127.0.0.1:${brokerPort}` });
    env = { ...process.env, SYNTOR_KAFKA_CONTROLLER_PORT: String(controllerPort) };
    kafka = createKafka(config, { logLevel: logLevel.NOTHING });
  });

  afterAll(async () => {
    await stopKafka({ repoRoot });
    await rm(repoRoot, { recursive: true, force: true });
  }, 60_000);

  it('formats once, then brings back every topic, record and committed offset after a kill -9', async () => {
    // Prepare: an old-layout folder, as the previous version left one behind, then a first start
    const paths = kafkaStatePaths(repoRoot);
    await mkdir(join(paths.dir, 'data-1796606583124'), { recursive: true });
    const first = await start();
    expect(first).toMatchObject({ started: true, storage: 'formatted' });
    expect(lines.join('\n')).toMatch(/removed .*data-1796606583124 \(old layout/);
    expect(lines.at(-1)).toMatch(/Kafka .* ready .*\(formatted new storage in .*\.syntor\/kafka\/data/);
    const clusterId = (await readFile(join(paths.dataDir, 'meta.properties'), 'utf8')).match(/cluster\.id=(.+)/)?.[1];

    await ensureTopics(kafka.admin(), { partitions: 2, replicationFactor: 1, topics: [topic] });
    const values = Array.from({ length: RECORDS }, (_, i) => `record-${i}`);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: values.map((value, i) => ({ value, partition: i % 2 })) });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '20' }, { partition: 1, offset: '30' }] });
    await admin.disconnect();

    // Act: the JVM dies without a controlled shutdown, then an ordinary start
    const pid = Number((await readFile(paths.pidFile, 'utf8')).trim());
    process.kill(pid, 'SIGKILL');
    expect(await waitForExit(pid, 10_000)).toBe(true);
    const second = await start();

    // Assess
    expect(second).toMatchObject({ started: true, storage: 'recovered' });
    console.log(`[kafka persistence] restart after kill -9 ready in ${second.readyMs} ms (first start ${first.readyMs} ms)`);
    expect(lines.at(-1)).toMatch(/ready .*\(existing data in .*\.syntor\/kafka\/data, recovered after an unclean shutdown/);
    expect((await readFile(join(paths.dataDir, 'meta.properties'), 'utf8')).match(/cluster\.id=(.+)/)?.[1]).toBe(clusterId);
    expect(await probeKafka(config.kafka.brokers)).toMatchObject({ reachable: true, clusterId });
    expect(await topicsOn(kafka)).toContain(topic);
    expect((await readAll(kafka, topic)).sort()).toEqual([...values].sort());
    expect(await committed(groupId, topic, kafka)).toEqual({ 0: '20', 1: '30' });
  }, 2 * BROKER_START_MS);

  it('keeps the data over a stop; reset deletes it, saying what, and the next start is fresh', async () => {
    // Prepare
    const paths = kafkaStatePaths(repoRoot);
    await stopKafka({ repoRoot, log });
    expect(existsSync(join(paths.dataDir, 'meta.properties'))).toBe(true);
    const restarted = await start();
    expect(restarted).toMatchObject({ started: true, storage: 'reused' });
    expect(await topicsOn(kafka)).toContain(topic);

    // Act
    lines.length = 0;
    const reset = await resetKafka({ config, repoRoot, log });

    // Assess
    expect(reset).toMatchObject({ stoppedPid: restarted.pid, deleted: [paths.dataDir], topics: [topic] });
    expect(lines.join('\n')).toContain(`deleting ${paths.dataDir}: 1 topic (${topic}), their records and committed consumer offsets`);
    expect(existsSync(paths.dataDir)).toBe(false);
    expect((await probeKafka(config.kafka.brokers)).reachable).toBe(false);

    const fresh = await start();
    expect(fresh).toMatchObject({ started: true, storage: 'formatted' });
    expect(await topicsOn(kafka)).not.toContain(topic);
  }, 3 * BROKER_START_MS);

  it('refuses to reset a broker this project did not start, stopping and deleting nothing', async () => {
    // Prepare: from a scratch repoRoot, the shared broker on the configured address is a stranger's
    const strangerRoot = await mkdtemp(join(tmpdir(), 'syntor-kafka-stranger-'));
    const strangerData = kafkaStatePaths(strangerRoot).dataDir;
    await mkdir(strangerData, { recursive: true });
    const shared = loadConfig();

    try {
      // Act
      const attempt = resetKafka({ config: shared, repoRoot: strangerRoot });

      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'ServicesResetRefusedError', code: 'services-reset-refused' });
      await expect(attempt).rejects.toThrow(/not started by this project/);
      expect(existsSync(strangerData)).toBe(true);
      expect((await probeKafka(shared.kafka.brokers)).reachable).toBe(true);
    } finally {
      await rm(strangerRoot, { recursive: true, force: true });
    }
  });
});

async function topicsOn(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

/** Every value on the topic, read from the beginning by a fresh group. */
async function readAll(kafka: Kafka, topic: string): Promise<string[]> {
  const values: string[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('it-persist-read'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value?.toString() ?? '');
          if (values.length >= RECORDS) resolve();
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`read ${values.length} of ${RECORDS} records`)), 60_000);
    });
    await Promise.race([done, late]).finally(() => clearTimeout(timer));
    return values;
  } finally {
    await consumer.disconnect();
  }
}
