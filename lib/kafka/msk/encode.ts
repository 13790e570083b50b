import type { KafkaRecord, MskEvent, MskEventSource, MskRecord } from './types.js';

export const LOCAL_EVENT_SOURCE: MskEventSource = {
  eventSourceArn: 'arn:aws:kafka:local:000000000000:cluster/syntor-local/00000000-0000-0000-0000-000000000000-1',
  bootstrapServers: '127.0.0.1:9092',
};

/**
 * Lambda's poller is Java, whose bytes are signed: header bytes above 127 arrive negative
 * (an "ë" is [-61, -85]). https://github.com/aws-powertools/powertools-lambda-python/issues/6862
 */
const toSignedByte = (b: number) => (b > 127 ? b - 256 : b);

/** Encodes one record as Lambda does: base64 key and value, each header a one-entry object of signed byte values. */
export function toMskRecord(record: KafkaRecord): MskRecord {
  return {
    topic: record.topic,
    partition: record.partition,
    // Lambda sends offsets as JSON numbers; exact up to 2^53, far beyond any real partition.
    offset: Number(record.offset),
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    ...(record.key === null ? {} : { key: record.key.toString('base64') }),
    value: record.value === null ? '' : record.value.toString('base64'),
    headers: record.headers.map(({ key, value }) => ({ [key]: Array.from(value, toSignedByte) })),
  };
}

/**
 * Builds the event Lambda's Kafka event source mapping sends: records grouped under
 * `topic-partition`, in the order given (which must be offset order within a partition).
 */
export function buildMskEvent(records: readonly KafkaRecord[], source: MskEventSource = LOCAL_EVENT_SOURCE): MskEvent {
  const grouped: Record<string, MskRecord[]> = {};
  for (const record of records) {
    (grouped[`${record.topic}-${record.partition}`] ??= []).push(toMskRecord(record));
  }
  return { eventSource: 'aws:kafka', ...source, records: grouped };
}
