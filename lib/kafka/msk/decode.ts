import { z } from 'zod';
import { messageSchema, type Message } from '../../contracts/index.js';
import { MskEventInvalidError, MskRecordDecodeError } from '../errors.js';
import { kafkaEventSchema } from './schema.js';
import type { KafkaEvent, KafkaRecord, MskRecord } from './types.js';

/** Decodes one record of an MSK event back to bytes. */
export function fromMskRecord(record: MskRecord): KafkaRecord {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: String(record.offset),
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    key: record.key === undefined ? null : Buffer.from(record.key, 'base64'),
    value: record.value === '' ? null : Buffer.from(record.value, 'base64'),
    headers: record.headers.flatMap((header) =>
      // `& 0xff` reads Lambda's signed bytes (and plain unsigned ones) back as octets.
      Object.entries(header).map(([key, bytes]) => ({ key, value: Buffer.from(bytes.map((b) => b & 0xff)) })),
    ),
  };
}

/**
 * Checks the event is the shape Lambda sends from an MSK or a self-managed Kafka trigger and
 * flattens it, partition by partition, offsets ascending.
 *
 * @throws MskEventInvalidError when the event is neither (wrong trigger or a hand-made event).
 */
export function readMskEvent(event: unknown): KafkaRecord[] {
  const parsed = kafkaEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new MskEventInvalidError(z.prettifyError(parsed.error), { cause: parsed.error });
  }
  // Read the validated input, not zod's copy: rebuilding records by assignment would drop a header named "__proto__".
  return Object.values((event as KafkaEvent).records).flatMap((records) => records.map(fromMskRecord));
}

/** The first value of a header, as UTF-8, or undefined. */
export function headerValue(record: Pick<KafkaRecord, 'headers'>, name: string): string | undefined {
  return record.headers.find((h) => h.key === name)?.value.toString('utf8');
}

/**
 * Parses a record's value as a SYNTOR message (envelope plus payload of its type).
 *
 * @throws MskRecordDecodeError carrying topic, partition and offset: the input for the dead-letter path.
 */
export function decodeMessage(record: KafkaRecord): Message {
  const origin = { topic: record.topic, partition: record.partition, offset: record.offset };
  if (record.value === null || record.value.length === 0) {
    throw new MskRecordDecodeError('empty-value', origin, 'record has no value');
  }
  let json: unknown;
  try {
    json = JSON.parse(record.value.toString('utf8'));
  } catch (error) {
    throw new MskRecordDecodeError('invalid-json', origin, `value is not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) {
    throw new MskRecordDecodeError('invalid-envelope', origin, `value is not a valid message: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data as Message;
}
