import { buildMskEvent, localEventSource, type KafkaEvent, type KafkaEventSourceKind, type KafkaRecord } from '../kafka/msk/index.js';

export interface TestRecord {
  topic: string;
  /** @default 0 */
  partition?: number;
  /** @default the record's place in the list */
  offset?: number;
  key?: string | Buffer;
  /** A string or Buffer as it is; anything else as its JSON. */
  value: unknown;
  headers?: Record<string, string>;
}

const bytes = (value: unknown) => (Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

/**
 * The event Lambda (and the harness) hands a Kafka-triggered handler for these records: built by the
 * harness's own codec, so a handler sees exactly what it will see deployed — base64 keys and values,
 * headers as byte arrays, records grouped by `topic-partition`.
 *
 * @example
 * const event = mskEvent({ records: [{ topic: 'orders', value: { id: 1 }, headers: { source: 'test' } }] });
 */
export function mskEvent({ records, source = 'msk' }: { records: readonly TestRecord[]; source?: KafkaEventSourceKind }): KafkaEvent {
  const now = Date.now();
  return buildMskEvent(
    records.map(
      (r, i): KafkaRecord => ({
        topic: r.topic,
        partition: r.partition ?? 0,
        offset: String(r.offset ?? i),
        timestamp: now,
        timestampType: 'CREATE_TIME',
        key: r.key === undefined ? null : bytes(r.key),
        value: r.value === undefined || r.value === null ? null : bytes(r.value),
        headers: Object.entries(r.headers ?? {}).map(([key, value]) => ({ key, value: Buffer.from(value) })),
      }),
    ),
    localEventSource(source),
  );
}
