import { describe, expect, it } from 'vitest';
import { lambdaKafkaFailureRecordSchema } from '../../../lib/contracts/index.js';
import { buildKafkaRecord } from '../../fixtures/kafkaRecords.js';
import { lambdaFailureMessage } from '../../../local/harness/kafka/lambdaFailureRecord.js';
import { AWS_KAFKA_FAILURE_EXAMPLE } from '../../fixtures/lambdaFailureRecords.js';

describe("Lambda's Kafka on-failure record", () => {
  it("accepts AWS's documented example", () => {
    expect(lambdaKafkaFailureRecordSchema.safeParse(AWS_KAFKA_FAILURE_EXAMPLE).success).toBe(true);
  });

  it('accepts a self-managed one: no eventSourceArn, the payload a SelfManagedKafka event', () => {
    const batchInfo: Record<string, unknown> = { ...AWS_KAFKA_FAILURE_EXAMPLE.KafkaBatchInfo };
    const payload: Record<string, unknown> = { ...AWS_KAFKA_FAILURE_EXAMPLE.payload };
    delete batchInfo.eventSourceArn;
    delete payload.eventSourceArn;

    const parsed = lambdaKafkaFailureRecordSchema.safeParse({ ...AWS_KAFKA_FAILURE_EXAMPLE, KafkaBatchInfo: batchInfo, payload: { ...payload, eventSource: 'SelfManagedKafka' } });

    expect(parsed.success).toBe(true);
  });

  it('is what the harness writes, field for field', () => {
    // Prepare
    const record = buildKafkaRecord({ topic: 'syntor.tasks.status', partition: 1, offset: '42', key: Buffer.from('task-9'), value: Buffer.from('{"x":1}') });

    // Act
    const { key, value } = lambdaFailureMessage(record, 'worker-alpha-execute', { approximateInvokeCount: 4, at: new Date('2026-01-02T03:04:05.000Z') });

    // Assess
    expect(key).toEqual(Buffer.from('task-9'));
    const written = JSON.parse(value);
    expect(lambdaKafkaFailureRecordSchema.parse(written)).toEqual(written);
    expect(Object.keys(written)).toEqual(Object.keys(AWS_KAFKA_FAILURE_EXAMPLE));
    expect(written).toMatchObject({
      requestContext: { functionArn: 'arn:aws:lambda:local:000000000000:function:worker-alpha-execute:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 4 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      timestamp: '2026-01-02T03:04:05.000Z',
      KafkaBatchInfo: { batchSize: 1, recordInfo: { offset: '42', timestamp: new Date(record.timestamp).toISOString() } },
      payload: { eventSource: 'aws:kafka', records: { 'syntor.tasks.status-1': [{ offset: 42, key: 'dGFzay05', value: Buffer.from('{"x":1}').toString('base64') }] } },
    });
    expect(written.KafkaBatchInfo.payloadSize).toBe(Buffer.byteLength(JSON.stringify(written.payload)));
  });

  it.each([
    ['without requestContext', { ...AWS_KAFKA_FAILURE_EXAMPLE, requestContext: undefined }],
    ['with a payload that is not a Kafka event', { ...AWS_KAFKA_FAILURE_EXAMPLE, payload: '<Whole Event>' }],
    ['a SYNTOR envelope', { id: 'x', type: 'dlq.record', payload: {} }],
  ])('rejects a record %s', (_name, record) => {
    expect(lambdaKafkaFailureRecordSchema.safeParse(record).success).toBe(false);
  });
});
