import type { Context } from 'aws-lambda';
import type { Message, MessageType, MessageOf } from '../contracts/index.js';
import { decodeMessage, headerValue, MskRecordDecodeError, readMskEvent, type KafkaRecord, type SyntorProducer } from '../kafka/index.js';
import { contextFromTraceparent, endSpan, ROOT_CONTEXT, SpanKind, startSpan, trace, traceparentOfSpan, type Span, type TraceContext } from '../observability/tracing.js';
import { deadLetterRecords } from './deadLetterRecord.js';
import { observeHandler } from './observeHandler.js';

export interface DecodedRecord<T extends MessageType> {
  record: KafkaRecord;
  message: MessageOf<T>;
  /**
   * The trace context of this record's processing span (a child of the `traceparent` the record came
   * with): pass it on to what is published because of this record, so the task's trace continues.
   */
  traceparent?: string;
  /** The same span as a context, for `context.with` around per-record work. */
  traceContext: TraceContext;
}

export interface KafkaBatchHandlerOptions<T extends MessageType> {
  /** Message types this function handles; any other type on its topic is dead-lettered. */
  accepts: readonly T[];
  producer: () => SyntorProducer | Promise<SyntorProducer>;
  /** Handles the batch's valid messages together (set-based work per MSK batch). Throw to retry the batch. */
  process(messages: DecodedRecord<T>[], context: Context): Promise<void>;
  /**
   * Where records that cannot be understood go instead of syntor.dlq. The function that consumes
   * syntor.dlq sets it: the dead-letter topic is the end of the line, not a place to send things back to.
   */
  onPoison?(poison: PoisonRecord[], context: Context): Promise<void>;
}

export interface PoisonRecord {
  record: KafkaRecord;
  reasonCode: string;
  reason: string;
}

/**
 * The shape of every Kafka-triggered handler: read the MSK event, decode each record, send what
 * cannot be understood to syntor.dlq with its reason and origin (one bad record never blocks the
 * others), and hand the rest to `process`. An error thrown by `process` (broker or database down)
 * fails the invocation so the trigger retries it; the stores' conditional updates make that harmless.
 */
export function createKafkaBatchHandler<T extends MessageType>(options: KafkaBatchHandlerOptions<T>) {
  return observeHandler(async (event: unknown, context: Context): Promise<void> => {
    const valid: DecodedRecord<T>[] = [];
    const poison: PoisonRecord[] = [];
    const spans: Span[] = [];
    // Each record continues its own trace; the invocation's span is linked, not the parent.
    const invocation = trace.getActiveSpan()?.spanContext();
    const links = invocation ? [{ context: invocation }] : [];
    for (const record of readMskEvent(event)) {
      const span = startSpan(`process ${record.topic}`, {
        kind: SpanKind.CONSUMER,
        parent: contextFromTraceparent(headerValue(record, 'traceparent')),
        links,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': record.topic,
          'messaging.destination.partition.id': String(record.partition),
          'messaging.kafka.offset': Number(record.offset),
          'messaging.operation.type': 'process',
        },
      });
      spans.push(span);
      let message: Message;
      try {
        message = decodeMessage(record);
      } catch (error) {
        if (!(error instanceof MskRecordDecodeError)) throw error;
        span.setAttribute('syntor.dead_letter.reason', error.reason);
        poison.push({ record, reasonCode: error.reason, reason: error.message });
        continue;
      }
      span.setAttribute('syntor.message.type', message.type);
      if (!(options.accepts as readonly string[]).includes(message.type)) {
        span.setAttribute('syntor.dead_letter.reason', 'unexpected-type');
        poison.push({ record, reasonCode: 'unexpected-type', reason: `${context.functionName} does not handle "${message.type}" messages` });
        continue;
      }
      const traceparent = traceparentOfSpan(span);
      valid.push({ record, message: message as MessageOf<T>, ...(traceparent ? { traceparent } : {}), traceContext: trace.setSpan(ROOT_CONTEXT, span) });
    }
    try {
      if (poison.length > 0) {
        if (options.onPoison) await options.onPoison(poison, context);
        else await deadLetterRecords(await options.producer(), context.functionName, poison);
      }
      if (valid.length > 0) await options.process(valid, context);
      for (const span of spans) endSpan(span);
    } catch (error) {
      for (const span of spans) endSpan(span, error);
      throw error;
    }
  });
}
