import type { MSKEvent, MSKRecord } from 'aws-lambda';

/**
 * Lambda leaves `key` out of a record whose Kafka key is null, which `@types/aws-lambda` does not
 * model; everything else is the published type.
 */
export type MskRecord = Omit<MSKRecord, 'key'> & { key?: string };
export type MskEvent = Omit<MSKEvent, 'records'> & { records: Record<string, MskRecord[]> };

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

export interface MskEventSource {
  eventSourceArn: string;
  bootstrapServers: string;
}
