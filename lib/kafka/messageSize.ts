import { LIMITS } from '../contracts/index.js';
import { KafkaMessageTooLargeError } from './errors.js';

/**
 * What the broker adds around a record before `message.max.bytes` applies: the record batch header
 * (61 bytes) and the record's own framing (lengths, offsets, timestamp deltas as varints). Kafka's
 * default limit, 1,048,588, is 1 MiB plus only 12 bytes of log overhead, so a record of exactly
 * 1 MiB would be refused. https://kafka.apache.org/documentation/#recordbatch
 */
export const RECORD_FRAMING_BYTES = 1_024;

type Bytes = string | Buffer | null | undefined;

interface OutgoingRecord {
  key?: Bytes;
  value: Bytes;
  headers?: Record<string, Bytes>;
}

function sizeOf(bytes: Bytes): number {
  if (bytes === null || bytes === undefined) return 0;
  return typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.length;
}

/** The bytes a record puts on the wire: key, value, and each header's name and value. */
export function recordBytes(record: OutgoingRecord): number {
  let total = sizeOf(record.key) + sizeOf(record.value);
  for (const [name, value] of Object.entries(record.headers ?? {})) total += Buffer.byteLength(name, 'utf8') + sizeOf(value);
  return total;
}

/**
 * Returns the record to send, or throws {@link KafkaMessageTooLargeError} when the broker would
 * refuse it: better a clear error before sending than a `MESSAGE_TOO_LARGE` from the broker after.
 *
 * @example
 * const { topic, record } = checkRecordSize({ topic: 'syntor.tasks.complete', record: { key, value, headers } });
 */
export function checkRecordSize<R extends { topic: string; record: OutgoingRecord }>(outgoing: R, limitBytes: number = LIMITS.brokerMessageBytes): R {
  const bytes = recordBytes(outgoing.record) + RECORD_FRAMING_BYTES;
  if (bytes > limitBytes) throw new KafkaMessageTooLargeError(outgoing.topic, bytes, limitBytes);
  return outgoing;
}

/**
 * Splits `items` into consecutive chunks whose sizes add up to at most `limitBytes` (an item larger
 * than the limit is a chunk of its own), keeping their order: send each chunk on its own.
 *
 * Why: kafkajs writes all of one send's messages for a partition as a single record batch, and the
 * broker applies `message.max.bytes` to the batch, so messages that each fit can be refused together.
 */
export function chunkBySize<T>(items: readonly T[], sizeOf: (item: T) => number, limitBytes: number = LIMITS.brokerMessageBytes): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && bytes + size > limitBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
