import type { Message } from '../contracts/index.js';
import { encodeRecord } from '../kafka/encodeRecord.js';
import type { TraceContext } from '../observability/traceContext.js';
import type { OutboxRecord } from '../store/index.js';

export interface OutboxRecordOptions {
  key?: string | null;
  /** The trace context the message continues; the row keeps it as its `traceparent` header. */
  trace?: TraceContext;
  /** A stored `traceparent` (a task row's) to continue instead; `trace` wins. */
  traceparent?: string | undefined;
  task?: { id: string; attempt: number };
}

/** A message as an outbox row: encoded now (validated, trace context in its headers), sent later. */
export function outboxRecord(message: Message, options: OutboxRecordOptions = {}): OutboxRecord {
  // The row is stored: this is where the context becomes a string.
  const traceparent = options.trace?.traceparent() ?? options.traceparent;
  const encoded = encodeRecord(message, { key: options.key ?? null, ...(traceparent ? { traceparent } : {}) });
  return { ...encoded, ...(options.task ? { taskId: options.task.id, attempt: options.task.attempt } : {}) };
}
