import type { Context } from 'aws-lambda';
import { LIMITS, truncateText, type Message, type MessageType, type MessageOf } from '../contracts/index.js';
import { dependencyOutage } from '../errors/dependencyOutage.js';
import { decodeMessage, headerValue, MskRecordDecodeError, readMskEvent, type KafkaRecord, type SyntorProducer } from '../kafka/index.js';
import { authenticateRecord, currentEnvelopeAuth, type EnvelopeKeyring } from '../kafka/auth/index.js';
import { getLogger } from '../observability/logger.js';
import { contextFromTraceparent, endSpan, ROOT_CONTEXT, SpanKind, startSpan, trace, traceparentOfSpan, type Span, type TraceContext } from '../observability/tracing.js';
import { batchItemFailures, type KafkaBatchResponse } from './batchItemFailures.js';
import { deadLetterRecords, type RecordFailure } from './deadLetterRecord.js';
import { isolateRecords } from './isolateRecords.js';
import { observeHandler } from './observeHandler.js';

/** The reason code of a record that failed when processed alone. */
export const HANDLER_ERROR = 'handler-error';
/** The reason code of a record not signed by the agent it speaks for. */
export const UNAUTHENTICATED = 'unauthenticated';

/**
 * The isolation pass stops when less than this is left of the invocation: the records not reached
 * are redelivered rather than cut off by the timeout, which would redeliver the whole batch.
 */
const ISOLATION_MARGIN_MS = 2_000;

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
  /**
   * Handles the batch's valid messages together (set-based work per MSK batch); called again with
   * one message at a time when the batch fails for another reason than an outage. Must be
   * idempotent: a retried or isolated batch hands it messages it has already handled.
   */
  process(messages: DecodedRecord<T>[], context: Context): Promise<void>;
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

/** A record that cannot be processed: unreadable, of a type the function does not handle, or failing alone. */
export type PoisonRecord = RecordFailure;

/**
 * The shape of every Kafka-triggered handler: read the MSK event, decode each record, send what
 * cannot be understood to syntor.dlq with its reason and origin, and hand the rest to `process`.
 *
 * One bad record never blocks the others. When `process` throws:
 * - an outage (`dependencyOutage`: database, cache or broker down) fails the invocation, so the
 *   trigger retries the batch; the stores' conditional updates make the repeat harmless;
 * - anything else is looked into: each record is processed again alone (in order within its
 *   partition), one that still fails is dead-lettered with reason `handler-error`, its error's code
 *   and message and its origin, and the rest go on. An outage or the deadline during that pass
 *   stops it, and the handler answers a partial batch response naming the records not yet
 *   processed, so the trigger commits what was done and redelivers from there.
 *
 * Its Kafka triggers must set `reportBatchItemFailures` (SYNTOR_KAFKA_TRIGGER_DEFAULTS does):
 * without it, Lambda takes the partial response for success and the unprocessed records are skipped.
 */
export function createKafkaBatchHandler<T extends MessageType>(options: KafkaBatchHandlerOptions<T>) {
  async function sendToDeadLetters(failures: PoisonRecord[], context: Context): Promise<void> {
    if (failures.length === 0) return;
    if (options.onPoison) await options.onPoison(failures, context);
    else await deadLetterRecords(await options.producer(), context.functionName, failures);
  }

  async function processIsolating(valid: DecodedRecord<T>[], spans: ReadonlyMap<KafkaRecord, Span>, context: Context): Promise<KafkaBatchResponse | undefined> {
    let batchError: unknown;
    try {
      await options.process(valid, context);
      return undefined;
    } catch (error) {
      if (dependencyOutage(error) !== undefined) throw error;
      batchError = error;
    }
    // A batch of one has already failed alone.
    const { failed, unprocessed } =
      valid.length === 1
        ? { failed: [{ item: valid[0]!, error: batchError }], unprocessed: [] }
        : await isolateRecords(valid, (item) => options.process([item], context), {
            stopsPass: (error) => dependencyOutage(error) !== undefined,
            outOfTime: () => remainingMs(context) < ISOLATION_MARGIN_MS,
          });
    getLogger().warn(
      { function: context.functionName, records: valid.length, failedAlone: failed.length, unprocessed: unprocessed.length, error: errorOf(batchError) },
      'batch failed; its records were processed one at a time',
    );
    for (const { item } of failed) spans.get(item.record)?.setAttribute('syntor.dead_letter.reason', HANDLER_ERROR);
    await sendToDeadLetters(failed.map(({ item, error }) => handlerFailure(item.record, error, context)), context);
    return unprocessed.length > 0 ? batchItemFailures(unprocessed.map((item) => item.record)) : undefined;
  }

  return observeHandler(async (event: unknown, context: Context): Promise<KafkaBatchResponse | void> => {
    const keyring = options.authenticated ? checkingKeyring() : undefined;
    const valid: DecodedRecord<T>[] = [];
    const poison: PoisonRecord[] = [];
    const spans = new Map<KafkaRecord, Span>();
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
      spans.set(record, span);
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
      if (keyring) {
        const verdict = keyring === REFUSE_ALL ? { ok: false as const, problem: 'this function has no envelope keys to check it with (SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS)' } : await authenticateRecord(record, message, keyring);
        if (!verdict.ok) {
          span.setAttribute('syntor.dead_letter.reason', UNAUTHENTICATED);
          poison.push({ record, reasonCode: UNAUTHENTICATED, reason: `${context.functionName} refused a "${message.type}" from "${message.source}": ${verdict.problem}` });
          continue;
        }
      }
      const traceparent = traceparentOfSpan(span);
      valid.push({ record, message: message as MessageOf<T>, ...(traceparent ? { traceparent } : {}), traceContext: trace.setSpan(ROOT_CONTEXT, span) });
    }
    try {
      await sendToDeadLetters(poison, context);
      const response = valid.length > 0 ? await processIsolating(valid, spans, context) : undefined;
      for (const span of spans.values()) endSpan(span);
      return response;
    } catch (error) {
      for (const span of spans.values()) endSpan(span, error);
      throw error;
    }
  });
}

const REFUSE_ALL: EnvelopeKeyring = { keyFor: async () => undefined };
let warnedUnchecked = false;

/** The keys records are checked with; none configured checks nothing locally and refuses everything on Lambda. */
function checkingKeyring(): EnvelopeKeyring | undefined {
  const keyring = currentEnvelopeAuth().keyring;
  if (keyring) return keyring;
  if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) return REFUSE_ALL;
  if (!warnedUnchecked) {
    warnedUnchecked = true;
    getLogger().warn('envelopes are not authenticated: no envelope keys configured (the harness sets them; see the README, Security model)');
  }
  return undefined;
}

function remainingMs(context: Context): number {
  // A hand-made context (a test, a direct call) may not say; then there is no deadline to keep.
  return typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Number.POSITIVE_INFINITY;
}

/** An error's explicit code (ours, a SQLSTATE, a capability's), never one made from its class name. */
function errorOf(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' && code !== '' ? code : 'unknown', message: truncateText(message, LIMITS.errorMessageBytes) };
}

function handlerFailure(record: KafkaRecord, error: unknown, context: Context): PoisonRecord {
  const info = errorOf(error);
  return {
    record,
    reasonCode: HANDLER_ERROR,
    reason: `${context.functionName} failed on this record alone: ${info.message}`,
    details: { error: info },
  };
}
