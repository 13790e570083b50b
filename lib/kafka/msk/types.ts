import type { MSKEvent, MSKRecord, SelfManagedKafkaEvent } from 'aws-lambda';

/**
 * Lambda leaves `key` out of a record whose Kafka key is null, which `@types/aws-lambda` does not
 * model; everything else is the published type.
 */
export type MskRecord = Omit<MSKRecord, 'key'> & { key?: string };
export type MskEvent = Omit<MSKEvent, 'records'> & { records: Record<string, MskRecord[]> };
/** A self-managed Apache Kafka trigger's event: no `eventSourceArn`. */
export type SelfManagedEvent = Omit<SelfManagedKafkaEvent, 'records'> & { records: Record<string, MskRecord[]> };
/** What a Kafka-triggered handler is invoked with, MSK or self-managed. */
export type KafkaEvent = MskEvent | SelfManagedEvent;

/** A Kafka record as a handler works with it: bytes decoded, headers kept in order. */
export interface KafkaRecord {
  topic: string;
  partition: number;
  /** Kafka offsets are int64: kept as a decimal string, as kafkajs does. */
  offset: string;
  timestamp: number;
  timestampType: MSKRecord['timestampType'];
  key: Buffer | null;
  value: Buffer | null;
  /** Kafka allows repeated header keys, so these stay a list. */
  headers: { key: string; value: Buffer }[];
}

/** Where an MSK event says it came from (`eventSource` is `aws:kafka` when left out). */
export interface MskEventSource {
  eventSource?: 'aws:kafka';
  eventSourceArn: string;
  bootstrapServers: string;
}

/** Where a self-managed Kafka event says it came from. */
export interface SelfManagedEventSource {
  eventSource: 'SelfManagedKafka';
  bootstrapServers: string;
}

export type KafkaEventSource = MskEventSource | SelfManagedEventSource;

/** The harness's `--event-source`: which of Lambda's two Kafka triggers it plays. */
export type KafkaEventSourceKind = 'msk' | 'self-managed';
