import { buildMskEvent, toMskRecord, type KafkaEventSource, type KafkaRecord } from '../../../lib/kafka/index.js';

/** The event's bytes without records: `{"eventSource":…,"records":{}}`, for the trigger's event source. */
export function eventBytes(source?: KafkaEventSource): number {
  return Buffer.byteLength(JSON.stringify(buildMskEvent([], source)));
}

/** What one record adds to the event's JSON: its encoded form and a separating comma. */
export function recordBytes(record: KafkaRecord): number {
  return Buffer.byteLength(JSON.stringify(toMskRecord(record))) + 1;
}

/** What a partition's first record adds besides itself: `"<topic>-<partition>":[]` and a comma. */
export function partitionBytes(tp: string): number {
  return Buffer.byteLength(JSON.stringify(tp)) + 4;
}

/** The size of an event holding a single record, as Lambda would send it alone. */
export function singleRecordEventBytes(record: KafkaRecord, source?: KafkaEventSource): number {
  return eventBytes(source) + partitionBytes(`${record.topic}-${record.partition}`) + recordBytes(record);
}
