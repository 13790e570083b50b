import { describe, expect, it } from 'vitest';
import { createMessage, LIMITS } from '../../../lib/contracts/index.js';
import { createKafka, createProducer, KafkaMessageTooLargeError } from '../../../lib/kafka/index.js';
import { checkRecordSize, chunkBySize, RECORD_FRAMING_BYTES, recordBytes } from '../../../lib/kafka/messageSize.js';
import { loadConfig } from '../../../lib/config/index.js';

describe('recordBytes', () => {
  it('counts the key, the value and every header name and value, in UTF-8', () => {
    expect(recordBytes({ key: 'k', value: 'é', headers: { h: Buffer.from([1, 2]) } })).toBe(1 + 2 + 1 + 2);
    expect(recordBytes({ key: null, value: null })).toBe(0);
  });
});

describe('checkRecordSize', () => {
  it('hands back a record that fits, framing included', () => {
    const outgoing = { topic: 't', record: { value: 'x'.repeat(LIMITS.brokerMessageBytes - RECORD_FRAMING_BYTES) } };
    expect(checkRecordSize(outgoing)).toBe(outgoing);
  });

  it('refuses one byte more with a non-retriable message-too-large naming topic, size and limit', () => {
    // Prepare
    const outgoing = { topic: 'syntor.tasks.complete', record: { value: 'x'.repeat(LIMITS.brokerMessageBytes - RECORD_FRAMING_BYTES + 1) } };

    // Act
    const thrown = (() => {
      try {
        checkRecordSize(outgoing);
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    // Assess
    expect(thrown).toBeInstanceOf(KafkaMessageTooLargeError);
    expect(thrown).toMatchObject({ code: 'message-too-large', retriable: false, topic: 'syntor.tasks.complete', bytes: LIMITS.brokerMessageBytes + 1, limitBytes: LIMITS.brokerMessageBytes });
    expect((thrown as Error).message).toBe(`Refusing to publish a ${LIMITS.brokerMessageBytes + 1}-byte record to syntor.tasks.complete: the broker limit is ${LIMITS.brokerMessageBytes} bytes`);
  });

  it('is what the producer checks before it connects', async () => {
    // Port 1 has no broker: the refusal must come before any connection is tried.
    const producer = createProducer(createKafka(loadConfig({ SYNTOR_KAFKA_BROKERS: '127.0.0.1:1', SYNTOR_LOG_LEVEL: 'error' })));
    const huge = createMessage('system.event', { event: 'agent.lost', subject: 'x', details: { blob: 'x'.repeat(LIMITS.brokerMessageBytes) } }, { source: 'test' });
    await expect(producer.publish(huge)).rejects.toThrow(KafkaMessageTooLargeError);
  });
});

describe('chunkBySize', () => {
  it.each([
    ['nothing', [], []],
    ['what fits together', [3, 3, 4], [[3, 3, 4]]],
    ['at the limit, in order', [6, 4, 5, 5, 1], [[6, 4], [5, 5], [1]]],
    ['an item over the limit alone', [2, 12, 2], [[2], [12], [2]]],
  ])('splits %s', (_name, sizes, chunks) => {
    expect(chunkBySize(sizes, (n) => n, 10)).toEqual(chunks);
  });
});
