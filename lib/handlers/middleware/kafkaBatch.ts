import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Message, MessageOf, MessageType } from '../../contracts/index.js';
import { authenticateRecord, currentEnvelopeAuth, type EnvelopeKeyring } from '../../kafka/auth/index.js';
import { decodeMessage, headerValue, MskRecordDecodeError, readMskEvent, type KafkaRecord } from '../../kafka/index.js';
import { getLogger } from '../../observability/logger.js';
import { TraceContext } from '../../observability/traceContext.js';
import { SpanKind } from '../../observability/tracing.js';
import { batchItemFailures } from '../batchItemFailures.js';
import { HANDLER_ERROR, UNAUTHENTICATED, UNEXPECTED_TYPE } from '../constants.js';
import { deadLetterRecords } from '../deadLetterRecord.js';
import { errorInfo } from '../errorInfo.js';
import type { BatchOutcome, DecodedRecord, KafkaBatchOptions, PoisonRecord } from '../types.js';
import { inInvocation, invocationTraceContext } from './observability.js';

/** Per-invocation state, under this key of `request.internal`: each record's trace context (its processing span). */
export const KAFKA_BATCH_KEY = 'syntor:kafka-batch';

type BatchRequest = Request<unknown, unknown, Error, Context, { [KAFKA_BATCH_KEY]?: Map<KafkaRecord, TraceContext> }>;

/**
 * The MSK side of every Kafka-triggered handler: reads the MSK event, decodes each record (a span
 * per record, continuing the `traceparent` it came with), sends what cannot be understood to
 * syntor.dlq with its reason and origin (or to `onPoison`), and hands the handler the rest as
 * `DecodedRecord`s. After the handler, the records it reports as failing alone (see
 * `processIsolating`) are dead-lettered as `handler-error`, and those it did not reach are answered
 * as a partial batch response, so the trigger commits what was done and redelivers from there.
 *
 * Its Kafka triggers must set `reportBatchItemFailures` (SYNTOR_KAFKA_TRIGGER_DEFAULTS does):
 * without it, Lambda takes the partial response for success and the unprocessed records are skipped.
 *
 * @example
 * middy(processIsolating(recordAll)).use(observability()).use(kafkaBatch({ accepts: ['task.status'], producer }));
 */
export function kafkaBatch<T extends MessageType>(options: KafkaBatchOptions<T>): MiddlewareObj<unknown, unknown, Error, Context> {
  async function sendToDeadLetters(failures: PoisonRecord[], context: Context): Promise<void> {
    if (failures.length === 0) return;
    await inInvocation(context, async () => {
      if (options.onPoison) await options.onPoison(failures, context);
      else await deadLetterRecords(await options.producer(), context.functionName, failures);
    });
  }

  async function decodeRecords(request: BatchRequest): Promise<void> {
    const { context } = request;
    const keyring = options.authenticated ? checkingKeyring() : undefined;
    const valid: DecodedRecord<T>[] = [];
    const poison: PoisonRecord[] = [];
    const traces = new Map<KafkaRecord, TraceContext>();
    // Each record continues its own trace; the invocation's span is linked, not the parent.
    const invocation = invocationTraceContext(context)?.spanContext();
    const links = invocation ? [{ context: invocation }] : [];
    request.internal[KAFKA_BATCH_KEY] = traces;
    for (const record of readMskEvent(request.event)) {
      const processing = TraceContext.fromTraceparent(headerValue(record, 'traceparent')).child(`process ${record.topic}`, {
        kind: SpanKind.CONSUMER,
        links,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': record.topic,
          'messaging.destination.partition.id': String(record.partition),
          'messaging.kafka.offset': Number(record.offset),
          'messaging.operation.type': 'process',
        },
      });
      traces.set(record, processing);
      const refused = (reasonCode: string, reason: string) => {
        processing.setAttribute('syntor.dead_letter.reason', reasonCode);
        poison.push({ record, reasonCode, reason });
      };
      let message: Message;
      try {
        message = decodeMessage(record);
      } catch (error) {
        if (!(error instanceof MskRecordDecodeError)) throw error;
        refused(error.reason, error.message);
        continue;
      }
      processing.setAttribute('syntor.message.type', message.type);
      if (!(options.accepts as readonly string[]).includes(message.type)) {
        refused(UNEXPECTED_TYPE, `${context.functionName} does not handle "${message.type}" messages`);
        continue;
      }
      if (keyring) {
        const verdict = keyring === REFUSE_ALL ? { ok: false as const, problem: 'this function has no envelope keys to check it with (SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS)' } : await authenticateRecord(record, message, keyring);
        if (!verdict.ok) {
          refused(UNAUTHENTICATED, `${context.functionName} refused a "${message.type}" from "${message.source}": ${verdict.problem}`);
          continue;
        }
      }
      const traceparent = processing.traceparent();
      valid.push({ record, message: message as MessageOf<T>, trace: processing, ...(traceparent ? { traceparent } : {}) });
    }
    await sendToDeadLetters(poison, context);
    request.event = valid;
  }

  async function reportOutcome(request: BatchRequest): Promise<void> {
    const traces = request.internal[KAFKA_BATCH_KEY];
    const outcome = request.response as BatchOutcome<T> | undefined;
    const failed = outcome?.failed ?? [];
    for (const { item } of failed) traces?.get(item.record)?.setAttribute('syntor.dead_letter.reason', HANDLER_ERROR);
    await sendToDeadLetters(failed.map(({ item, error }) => handlerFailure(item.record, error, request.context)), request.context);
    const unprocessed = outcome?.unprocessed ?? [];
    request.response = unprocessed.length > 0 ? batchItemFailures(unprocessed.map((item) => item.record)) : undefined;
    endSpans(request);
  }

  return { before: decodeRecords, after: reportOutcome, onError: (request: BatchRequest) => endSpans(request, request.error) };
}

function endSpans(request: BatchRequest, error?: unknown): void {
  const traces = request.internal[KAFKA_BATCH_KEY];
  if (!traces) return;
  delete request.internal[KAFKA_BATCH_KEY];
  for (const trace of traces.values()) trace.end(error);
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

function handlerFailure(record: KafkaRecord, error: unknown, context: Context): PoisonRecord {
  const info = errorInfo(error);
  return {
    record,
    reasonCode: HANDLER_ERROR,
    reason: `${context.functionName} failed on this record alone: ${info.message}`,
    details: { error: info },
  };
}
