import { logLevel } from 'kafkajs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../lib/config/index.js';
import { TOPICS } from '../../../lib/contracts/index.js';
import { createKafka, createProducer, KafkaTopicNotAllowedError } from '../../../lib/kafka/index.js';
import { runInScope } from '../../../lib/manifest/index.js';
import { buildHeartbeat, buildTaskAssign } from '../../fixtures/messages.js';

// Port 1 has no broker, and no retries: a refusal that came from the network would show at once.
const kafka = createKafka(loadConfig({ SYNTOR_KAFKA_BROKERS: '127.0.0.1:1', SYNTOR_LOG_LEVEL: 'error' }), { retry: { retries: 0 }, connectionTimeout: 200, logLevel: logLevel.NOTHING });
const opened = vi.spyOn(kafka, 'producer');
const producer = createProducer(kafka);
const worker = { functionId: 'worker-alpha-heartbeat', produces: [TOPICS.agentHeartbeat] };

afterAll(() => producer.disconnect());

describe('a producer inside a function', () => {
  it.each([
    ['publishAll', () => producer.publishAll([{ message: buildHeartbeat() }, { message: buildTaskAssign() }])],
    ['sendRaw', () => producer.sendRaw(TOPICS.taskAssignment, [{ value: '{}' }])],
  ])('refuses with %s a topic outside its produces, naming the function and the topic, before any connection', async (_, send) => {
    // Act
    const refused = await runInScope(worker, send).catch((error: unknown) => error);

    // Assess
    expect(refused).toBeInstanceOf(KafkaTopicNotAllowedError);
    expect(refused).toMatchObject({ code: 'topic-not-allowed', retriable: false, functionId: 'worker-alpha-heartbeat' });
    expect((refused as Error).message).toMatch(/worker-alpha-heartbeat may not write to syntor\.tasks\.assignment/);
    expect(opened).not.toHaveBeenCalled();
  });

  it('lets a listed topic through to the broker', async () => {
    const sent = await runInScope(worker, () => producer.publish(buildHeartbeat())).catch((error: unknown) => error);

    expect(sent).not.toBeInstanceOf(KafkaTopicNotAllowedError);
    expect(opened).toHaveBeenCalled();
  });

  it('restricts nothing outside any function', async () => {
    const sent = await producer.sendRaw(TOPICS.taskAssignment, [{ value: '{}' }]).catch((error: unknown) => error);

    expect(sent).not.toBeInstanceOf(KafkaTopicNotAllowedError);
  });
});
