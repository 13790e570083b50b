import type { Context } from 'aws-lambda';
import type { MessageOf, MessageType } from '../contracts/index.js';
import type { KafkaRecord, SyntorProducer } from '../kafka/index.js';
import type { TraceContext } from '../observability/traceContext.js';
import type { RecordFailure } from './deadLetterRecord.js';

export interface DecodedRecord<T extends MessageType> {
  record: KafkaRecord;
  message: MessageOf<T>;
  /**
   * The trace context of this record's processing span (a child of the `traceparent` the record came
   * with): run per-record work in it (`trace.with`) and pass it as `trace` to what is published because
   * of this record, so the task's trace continues.
   */
  trace: TraceContext;
  /** `trace` as a string, for a value that is stored (a completion the coordinator logs). */
  traceparent?: string;
}

/** A record that cannot be processed: unreadable, of a type the function does not handle, or failing alone. */
export type PoisonRecord = RecordFailure;

/**
 * Handles a batch's valid messages together (set-based work per MSK batch). Must be idempotent: a
 * retried or isolated batch hands it messages it has already handled.
 */
export type ProcessBatch<T extends MessageType> = (messages: DecodedRecord<T>[], context: Context) => Promise<void>;

/** What the isolating handler reports to `kafkaBatch`: records that failed alone, records not reached. */
export interface BatchOutcome<T extends MessageType> {
  failed: { item: DecodedRecord<T>; error: unknown }[];
  unprocessed: DecodedRecord<T>[];
}

export interface KafkaBatchOptions<T extends MessageType> {
  /** Message types this function handles; any other type on its topic is dead-lettered. */
  accepts: readonly T[];
  producer: () => SyntorProducer | Promise<SyntorProducer>;
  /**
   * Each record must be signed by the agent it speaks for (see `authenticateRecord`); one that is not
   * is dead-lettered as `unauthenticated`, unprocessed. Set on the coordinator's handlers, whose
   * decisions rest on who says a task is done or an agent is alive. Without envelope keys in the
   * environment nothing is checked, except on Lambda, where every record is refused.
   */
  authenticated?: boolean;
  /**
   * Where records that cannot be processed go instead of syntor.dlq. The function that consumes
   * syntor.dlq sets it: the dead-letter topic is the end of the line, not a place to send things back to.
   */
  onPoison?(poison: PoisonRecord[], context: Context): Promise<void>;
}

export interface KafkaBatchHandlerOptions<T extends MessageType> extends KafkaBatchOptions<T> {
  /** The batch's work; called again with one message at a time when the batch fails for another reason than an outage. */
  process: ProcessBatch<T>;
}
