import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config/index.js';
import { createKafka, createProducer, isTraceparent, KafkaMessageInvalidError, newTraceparent } from '../../../lib/kafka/index.js';
import { buildHeartbeat } from '../../fixtures/messages.js';

describe('producer', () => {
  // Port 1 has no broker: a refused message must fail before any connection is tried.
  const producer = createProducer(createKafka(loadConfig({ SYNTOR_KAFKA_BROKERS: '127.0.0.1:1', SYNTOR_LOG_LEVEL: 'error' })));

  it('refuses an invalid message before sending, naming the type and the field', async () => {
    const bad = { ...buildHeartbeat(), payload: { ...buildHeartbeat().payload, capacity: 0 } };
    await expect(producer.publish(bad)).rejects.toThrow(KafkaMessageInvalidError);
    await expect(producer.publish(bad)).rejects.toThrow(/"agent\.heartbeat"[\s\S]*payload\.capacity/);
  });
});

describe('traceparent', () => {
  it('makes valid, distinct root contexts', () => {
    const a = newTraceparent();
    expect(isTraceparent(a)).toBe(true);
    expect(newTraceparent()).not.toBe(a);
  });

  it.each([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', true],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', false],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', false],
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', false],
    ['garbage', false],
  ])('%s valid: %s', (value, valid) => {
    expect(isTraceparent(value)).toBe(valid);
  });
});
