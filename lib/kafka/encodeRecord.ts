import { z } from 'zod';
import { MESSAGE_TYPES, messageSchema, type Message } from '../contracts/index.js';
import { KafkaMessageInvalidError } from './errors.js';
import { checkRecordSize } from './messageSize.js';
import { isTraceparent, newTraceparent } from './traceparent.js';

export const HEADERS = {
  traceparent: 'traceparent',
  messageType: 'syntor-message-type',
  contentType: 'content-type',
} as const;

/** A message as it goes on the wire: its type's topic, key, JSON value and headers. */
export interface EncodedRecord {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * Validates `message` against its type's schema and encodes it for its topic, with the trace
 * context (`traceparent`, else a new root trace) and the type in the headers. Shared by the
 * producer and the outbox, so a message relayed later is byte for byte what a direct send would be.
 *
 * @throws KafkaMessageInvalidError when the message does not match its schema.
 * @throws KafkaMessageTooLargeError when the broker would refuse the record.
 */
export function encodeRecord(message: Message, options: { key?: string | null; traceparent?: string; headers?: Record<string, string> } = {}): EncodedRecord {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) {
    throw new KafkaMessageInvalidError(message.type, z.prettifyError(parsed.error), { cause: parsed.error });
  }
  const traceparent = options.traceparent !== undefined && isTraceparent(options.traceparent) ? options.traceparent : newTraceparent();
  const topic = MESSAGE_TYPES[message.type].topic;
  const { record } = checkRecordSize({
    topic,
    record: {
      key: options.key ?? null,
      value: JSON.stringify(parsed.data),
      headers: {
        ...options.headers,
        [HEADERS.traceparent]: traceparent,
        [HEADERS.messageType]: message.type,
        [HEADERS.contentType]: 'application/json',
      },
    },
  });
  return { topic, ...record };
}
