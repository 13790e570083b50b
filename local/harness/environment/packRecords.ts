import type { KafkaRecord } from '../../../lib/kafka/msk/types.js';

/**
 * Kafka records as they cross into an execution environment: every key, value and header value in
 * one byte buffer, the rest in one number array and a table of the strings (topics, timestamp types,
 * header keys) they name, so a batch is two transferred buffers instead of an event's JSON text.
 */
export interface PackedRecords {
  /**
   * Per record: topic (string index), partition, offset, timestamp, timestamp type (string index),
   * key length (-1 for null), value length (-1 for null), header count, then per header its key
   * (string index) and value length.
   */
  numbers: Float64Array<ArrayBuffer>;
  strings: string[];
  bytes: Uint8Array<ArrayBuffer>;
}

const RECORD_FIELDS = 8;
const HEADER_FIELDS = 2;

/**
 * Packs records for {@link unpackRecords} on the other side of a `postMessage`, whose transfer list
 * is `[numbers.buffer, bytes.buffer]` (each its own ArrayBuffer, never Node's shared pool). Offsets
 * travel as numbers, as the event carries them (exact up to 2^53).
 */
export function packRecords(records: readonly KafkaRecord[]): PackedRecords {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const stringIndex = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  let count = 0;
  let size = 0;
  for (const record of records) {
    count += RECORD_FIELDS + HEADER_FIELDS * record.headers.length;
    size += (record.key?.length ?? 0) + (record.value?.length ?? 0);
    for (const header of record.headers) size += header.value.length;
  }
  const numbers = new Float64Array(count);
  const bytes = new Uint8Array(size);
  let n = 0;
  let at = 0;
  const put = (value: Buffer | null) => {
    if (value === null) return -1;
    bytes.set(value, at);
    at += value.length;
    return value.length;
  };
  for (const record of records) {
    numbers[n++] = stringIndex(record.topic);
    numbers[n++] = record.partition;
    numbers[n++] = Number(record.offset);
    numbers[n++] = record.timestamp;
    numbers[n++] = stringIndex(record.timestampType);
    numbers[n++] = put(record.key);
    numbers[n++] = put(record.value);
    numbers[n++] = record.headers.length;
    for (const header of record.headers) {
      numbers[n++] = stringIndex(header.key);
      numbers[n++] = put(header.value);
    }
  }
  return { numbers, strings, bytes };
}

/** The records again, their bytes views of the one received buffer. */
export function unpackRecords({ numbers, strings, bytes }: PackedRecords): KafkaRecord[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: KafkaRecord[] = [];
  let at = 0;
  const take = (length: number) => {
    if (length < 0) return null;
    at += length;
    return buffer.subarray(at - length, at);
  };
  for (let n = 0; n < numbers.length; ) {
    const topic = strings[numbers[n++]!]!;
    const partition = numbers[n++]!;
    const offset = String(numbers[n++]!);
    const timestamp = numbers[n++]!;
    const timestampType = strings[numbers[n++]!]! as KafkaRecord['timestampType'];
    const keyLength = numbers[n++]!;
    const valueLength = numbers[n++]!;
    const headerCount = numbers[n++]!;
    const key = take(keyLength);
    const value = take(valueLength);
    const headers: KafkaRecord['headers'] = [];
    for (let h = 0; h < headerCount; h += 1) {
      const headerKey = strings[numbers[n++]!]!;
      headers.push({ key: headerKey, value: take(numbers[n++]!)! });
    }
    records.push({ topic, partition, offset, timestamp, timestampType, key, value, headers });
  }
  return records;
}
