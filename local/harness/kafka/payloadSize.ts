import { buildMskEvent, toMskRecord, type KafkaEventSource, type KafkaRecord } from '../../../lib/kafka/index.js';

/** The event's bytes without records: `{"eventSource":…,"records":{}}`, for the trigger's event source. */
export function eventBytes(source?: KafkaEventSource): number {
  return Buffer.byteLength(JSON.stringify(buildMskEvent([], source)));
}

// The JSON of an encoded record without its variable parts (see toMskRecord, which orders the keys).
const RECORD_FRAME = '{"topic":,"partition":,"offset":,"timestamp":,"timestampType":,"value":"","headers":}'.length;
const KEY_FRAME = ',"key":""'.length;
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/**
 * What one record adds to the event's JSON: its encoded form and a separating comma. Counted rather
 * than serialised: the poller sizes every fetched record, and base64-encoding each one a second time
 * cost a third of its throughput. test/unit/harness/kafka/payloadSize.test.ts checks it against JSON.
 */
export function recordBytes(record: KafkaRecord): number {
  const headers = record.headers.length === 0 ? 2 : Buffer.byteLength(JSON.stringify(toMskRecord({ ...record, key: null, value: null }).headers));
  return RECORD_FRAME
    + Buffer.byteLength(JSON.stringify(record.topic))
    + JSON.stringify(record.partition).length
    + JSON.stringify(Number(record.offset)).length
    + JSON.stringify(record.timestamp).length
    + JSON.stringify(record.timestampType).length
    + (record.key === null ? 0 : KEY_FRAME + base64Length(record.key.length))
    + base64Length(record.value?.length ?? 0)
    + headers
    + 1;
}

/** What a partition's first record adds besides itself: `"<topic>-<partition>":[]` and a comma. */
export function partitionBytes(tp: string): number {
  return Buffer.byteLength(JSON.stringify(tp)) + 4;
}

/** The size of an event holding a single record, as Lambda would send it alone. */
export function singleRecordEventBytes(record: KafkaRecord, source?: KafkaEventSource): number {
  return eventBytes(source) + partitionBytes(`${record.topic}-${record.partition}`) + recordBytes(record);
}
