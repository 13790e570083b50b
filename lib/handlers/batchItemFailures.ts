import type { KafkaRecord } from '../kafka/index.js';

/**
 * One record to redeliver, as Lambda's Kafka event source mappings read it with
 * `ReportBatchItemFailures`: the `topic-partition` key of the event's `records` map and the offset.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 */
export interface KafkaItemIdentifier {
  partition: string;
  offset: number;
}

/** A partial batch response: each partition is committed up to its lowest listed offset and redelivered from there. */
export interface KafkaBatchResponse {
  batchItemFailures: { itemIdentifier: KafkaItemIdentifier }[];
}

/**
 * The partial batch response that redelivers `records` (and what follows them in their partitions).
 *
 * @example
 * return batchItemFailures(unprocessed); // { batchItemFailures: [{ itemIdentifier: { partition: 'syntor.tasks.complete-2', offset: 41 } }] }
 */
export function batchItemFailures(records: readonly KafkaRecord[]): KafkaBatchResponse {
  // Kafka offsets are int64; Number is exact up to 2^53, far beyond any partition's offsets.
  return { batchItemFailures: records.map((r) => ({ itemIdentifier: { partition: `${r.topic}-${r.partition}`, offset: Number(r.offset) } })) };
}
