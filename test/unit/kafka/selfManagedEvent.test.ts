import { describe, expect, it } from 'vitest';
import { buildMskEvent, kafkaEventSchema, localEventSource, MskEventInvalidError, readMskEvent } from '../../../lib/kafka/index.js';
import { buildKafkaRecord } from '../../fixtures/kafkaRecords.js';

/** AWS's example self-managed Apache Kafka event. https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html#smaa-sample-event */
const AWS_SELF_MANAGED_EXAMPLE = {
  eventSource: 'SelfManagedKafka',
  bootstrapServers: 'b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092,b-1.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092',
  records: {
    'mytopic-0': [
      {
        topic: 'mytopic',
        partition: 0,
        offset: 15,
        timestamp: 1545084650987,
        timestampType: 'CREATE_TIME',
        key: 'abcDEFghiJKLmnoPQRstuVWXyz1234==',
        value: 'SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==',
        headers: [{ headerKey: [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] }],
      },
    ],
  },
};

describe('a self-managed Kafka event', () => {
  it("is read as AWS documents it: eventSource SelfManagedKafka, bootstrapServers, no eventSourceArn", () => {
    // Act
    const [record] = readMskEvent(AWS_SELF_MANAGED_EXAMPLE);

    // Assess
    expect(record).toMatchObject({ topic: 'mytopic', partition: 0, offset: '15', value: Buffer.from('Hello, this is a test.') });
    expect(record!.headers).toEqual([{ key: 'headerKey', value: Buffer.from('headerValue') }]);
  });

  it('is built by the harness for --event-source self-managed, and round-trips', () => {
    // Prepare
    const records = [buildKafkaRecord({ topic: 't', partition: 2, offset: '7', key: Buffer.from('k'), value: Buffer.from('v') })];

    // Act
    const event = buildMskEvent(records, localEventSource('self-managed', ['broker-1:9096', 'broker-2:9096']));

    // Assess
    expect(event).toEqual({ eventSource: 'SelfManagedKafka', bootstrapServers: 'broker-1:9096,broker-2:9096', records: { 't-2': [expect.objectContaining({ offset: 7, key: 'aw==' })] } });
    expect(event).not.toHaveProperty('eventSourceArn');
    expect(kafkaEventSchema.parse(event).eventSource).toBe('SelfManagedKafka');
    expect(readMskEvent(JSON.parse(JSON.stringify(event)))).toEqual(records);
  });

  it('keeps the MSK shape for --event-source msk, with the brokers it was given', () => {
    const event = buildMskEvent([buildKafkaRecord()], localEventSource('msk', ['127.0.0.1:19092']));

    expect(event).toMatchObject({ eventSource: 'aws:kafka', eventSourceArn: expect.stringMatching(/^arn:aws:kafka:/), bootstrapServers: '127.0.0.1:19092' });
  });

  it.each([
    ['a self-managed event carrying an MSK-only field is still read', { ...AWS_SELF_MANAGED_EXAMPLE, eventSourceArn: 'arn:aws:kafka:x' }, true],
    ['an MSK event without its eventSourceArn', { ...AWS_SELF_MANAGED_EXAMPLE, eventSource: 'aws:kafka' }, false],
    ['a self-managed event without bootstrapServers', { eventSource: 'SelfManagedKafka', records: AWS_SELF_MANAGED_EXAMPLE.records }, false],
    ['another event source', { ...AWS_SELF_MANAGED_EXAMPLE, eventSource: 'aws:sqs' }, false],
  ])('%s', (_name, event, readable) => {
    if (readable) expect(readMskEvent(event)).toHaveLength(1);
    else expect(() => readMskEvent(event)).toThrow(MskEventInvalidError);
  });
});
