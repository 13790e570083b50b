import type { KafkaEvent, KafkaEventSource, KafkaEventSourceKind, KafkaRecord, MskEvent, MskEventSource, MskRecord, SelfManagedEvent, SelfManagedEventSource } from './types.js';

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
 * Where the harness's events say they came from: a made-up local MSK cluster, or (as on a
 * self-managed cluster) only the bootstrap servers.
 *
 * @example
 * buildMskEvent(records, localEventSource('self-managed', config.kafka.brokers));
 */
export function localEventSource(kind: KafkaEventSourceKind, brokers: readonly string[] = [LOCAL_EVENT_SOURCE.bootstrapServers]): KafkaEventSource {
  const bootstrapServers = brokers.join(',');
  return kind === 'self-managed' ? { eventSource: 'SelfManagedKafka', bootstrapServers } : { ...LOCAL_EVENT_SOURCE, bootstrapServers };
}

/**
 * Builds the event Lambda's Kafka event source mapping sends: records grouped under
 * `topic-partition`, in the order given (which must be offset order within a partition). An MSK
 * source gives `eventSource: "aws:kafka"` with the cluster ARN, a self-managed one
 * `eventSource: "SelfManagedKafka"` without one.
 */
export function buildMskEvent(records: readonly KafkaRecord[], source?: MskEventSource): MskEvent;
export function buildMskEvent(records: readonly KafkaRecord[], source: SelfManagedEventSource): SelfManagedEvent;
export function buildMskEvent(records: readonly KafkaRecord[], source?: KafkaEventSource): KafkaEvent;
export function buildMskEvent(records: readonly KafkaRecord[], source: KafkaEventSource = LOCAL_EVENT_SOURCE): KafkaEvent {
  const grouped: Record<string, MskRecord[]> = {};
  for (const record of records) {
    (grouped[`${record.topic}-${record.partition}`] ??= []).push(toMskRecord(record));
  }
  if (source.eventSource === 'SelfManagedKafka') return { eventSource: 'SelfManagedKafka', bootstrapServers: source.bootstrapServers, records: grouped };
  return { eventSource: 'aws:kafka', eventSourceArn: source.eventSourceArn, bootstrapServers: source.bootstrapServers, records: grouped };
}
