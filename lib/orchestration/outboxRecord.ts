import type { Message } from '../contracts/index.js';
import { encodeRecord } from '../kafka/encodeRecord.js';
import type { OutboxRecord } from '../store/index.js';

/** A message as an outbox row: encoded now (validated, trace context in its headers), sent later. */
export function outboxRecord(message: Message, options: { key?: string | null; traceparent?: string; task?: { id: string; attempt: number } } = {}): OutboxRecord {
  const encoded = encodeRecord(message, { key: options.key ?? null, ...(options.traceparent ? { traceparent: options.traceparent } : {}) });
  return { ...encoded, ...(options.task ? { taskId: options.task.id, attempt: options.task.attempt } : {}) };
}
