import type { MSKEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  buildMskEvent,
  decodeMessage,
  headerValue,
  MskEventInvalidError,
  MskRecordDecodeError,
  readMskEvent,
} from '../../../lib/kafka/index.js';
import { buildKafkaRecord } from '../../fixtures/kafkaRecords.js';
import { buildHeartbeat } from '../../fixtures/messages.js';

describe('buildMskEvent', () => {
  it('produces the event Lambda sends: records under topic-partition, base64 key and value, header bytes', () => {
    const record = buildKafkaRecord({
      topic: 'mytopic',
      partition: 0,
      offset: '15',
      key: Buffer.from('k'),
      value: Buffer.from('Hello, this is a test.'),
      headers: [{ key: 'headerKey', value: Buffer.from('headerValue') }],
    });

    const event: MSKEvent = buildMskEvent([record]) as MSKEvent;

    expect(event.eventSource).toBe('aws:kafka');
    expect(event.eventSourceArn).toMatch(/^arn:aws:kafka:/);
    expect(event.records['mytopic-0']).toEqual([
      {
        topic: 'mytopic',
        partition: 0,
        offset: 15,
        timestamp: record.timestamp,
        timestampType: 'CREATE_TIME',
        key: 'aw==',
        value: 'SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==',
        headers: [{ headerKey: [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] }],
      },
    ]);
  });

  it('sends header bytes signed, as Lambda\'s Java poller does, and reads them back', () => {
    const record = buildKafkaRecord({ headers: [{ key: 'test-header', value: Buffer.from('hello-ë') }] });
    const event = buildMskEvent([record]);
    expect(Object.values(event.records)[0]![0]!.headers).toEqual([{ 'test-header': [104, 101, 108, 108, 111, 45, -61, -85] }]);
    expect(readMskEvent(event)[0]!.headers[0]!.value.toString()).toBe('hello-ë');
  });

  it('groups by partition and keeps offset order within each', () => {
    const records = [
      buildKafkaRecord({ partition: 1, offset: '7' }),
      buildKafkaRecord({ partition: 0, offset: '3' }),
      buildKafkaRecord({ partition: 1, offset: '8' }),
    ];
    const event = buildMskEvent(records);
    expect(Object.keys(event.records).sort()).toEqual(['syntor.tasks.assignment-0', 'syntor.tasks.assignment-1']);
    expect(event.records['syntor.tasks.assignment-1']!.map((r) => r.offset)).toEqual([7, 8]);
  });

  it('leaves the key out for a null key, as Lambda does', () => {
    const event = buildMskEvent([buildKafkaRecord({ key: null })]);
    expect(Object.values(event.records)[0]![0]).not.toHaveProperty('key');
    expect(readMskEvent(event)[0]!.key).toBeNull();
  });
});

describe('readMskEvent', () => {
  it.each([
    ['an SQS event', { Records: [] }, /eventSource/],
    ['a record key without partition', { eventSource: 'aws:kafka', eventSourceArn: 'a', bootstrapServers: 'b', records: { topic: [] } }, /Invalid key in record[\s\S]*records\.topic/],
    ['a value that is not base64', {
      eventSource: 'aws:kafka', eventSourceArn: 'a', bootstrapServers: 'b',
      records: { 't-0': [{ topic: 't', partition: 0, offset: 1, timestamp: 1, timestampType: 'CREATE_TIME', value: '%%%', headers: [] }] },
    }, /base64/],
  ])('refuses %s with MskEventInvalidError', (_name, event, message) => {
    expect(() => readMskEvent(event)).toThrow(MskEventInvalidError);
    expect(() => readMskEvent(event)).toThrow(message);
  });

  it('keeps a header named __proto__ (found by the property test)', () => {
    const event = JSON.parse(JSON.stringify(buildMskEvent([buildKafkaRecord({ headers: [{ key: '__proto__', value: Buffer.from('x') }] })])));
    expect(readMskEvent(event)[0]!.headers).toEqual([{ key: '__proto__', value: Buffer.from('x') }]);
  });

  it('reads a header value by name', () => {
    const [record] = readMskEvent(buildMskEvent([buildKafkaRecord({ headers: [{ key: 'traceparent', value: Buffer.from('00-abc') }] })]));
    expect(headerValue(record!, 'traceparent')).toBe('00-abc');
    expect(headerValue(record!, 'missing')).toBeUndefined();
  });
});

describe('decodeMessage', () => {
  it('returns the typed message of a valid value', () => {
    const heartbeat = buildHeartbeat();
    const message = decodeMessage(buildKafkaRecord({ json: heartbeat }));
    expect(message).toEqual(heartbeat);
  });

  it.each([
    ['invalid-json', buildKafkaRecord({ value: Buffer.from('{not json') })],
    ['empty-value', buildKafkaRecord({ value: null })],
    ['invalid-envelope', buildKafkaRecord({ json: { hello: 'world' } })],
    ['invalid-envelope', buildKafkaRecord({ json: { ...buildHeartbeat(), payload: { agent: 'worker' } } })],
  ])('gives a %s error carrying topic, partition and offset', (reason, input) => {
    const record = { ...input, topic: 'syntor.agents.heartbeat', partition: 2, offset: '41' };
    try {
      decodeMessage(record);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MskRecordDecodeError);
      expect(error).toMatchObject({
        name: 'MskRecordDecodeError',
        reason,
        retriable: false,
        origin: { topic: 'syntor.agents.heartbeat', partition: 2, offset: '41' },
      });
      expect((error as Error).message).toContain('syntor.agents.heartbeat[2]@41');
    }
  });

  it('names the bad field of an invalid payload', () => {
    const record = buildKafkaRecord({ json: { ...buildHeartbeat(), payload: { ...buildHeartbeat().payload, capacity: 0 } } });
    expect(() => decodeMessage(record)).toThrow(/payload\.capacity/);
  });
});
