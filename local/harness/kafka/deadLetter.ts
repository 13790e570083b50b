import type { KafkaTrigger } from '../../../lib/contracts/index.js';
import { LIMITS, TOPICS } from '../../../lib/contracts/index.js';
import { deadLetterRecords as publishDeadLetters } from '../../../lib/handlers/index.js';
import type { KafkaEventSource, KafkaRecord, SyntorProducer } from '../../../lib/kafka/index.js';
import { chunkBySize } from '../../../lib/kafka/messageSize.js';
import { lambdaFailureMessage, type LambdaFailure } from './lambdaFailureRecord.js';

export interface DeadLetterOptions {
  functionId: string;
  producer: SyntorProducer;
  /** The trigger's event source, which the record's `payload` is shaped as (default: the local MSK cluster). */
  eventSource?: KafkaEventSource;
  /** Its retry limit gives `approximateInvokeCount` when the caller does not: the first invocation and every retry. */
  trigger?: Pick<KafkaTrigger, 'maximumRetryAttempts'>;
}

/** Room for the record's key and Kafka's framing beside the value. */
const FRAMING_BYTES = 4 * 1024;

/**
 * Lambda's Kafka on-failure destination: once a batch has used up its retries, each record goes to
 * syntor.dlq as Lambda writes it — its failure metadata with the record itself under `payload`, keyed
 * like the record (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html) —
 * so the dead-letters function reads the same thing on a laptop as on AWS. Then the trigger commits.
 *
 * Only this path takes Lambda's format: a record a handler itself rejects (unreadable, or failing
 * alone: `handler-error`) is sent by the handler, with a reason code, as a SYNTOR `dlq.record`, on
 * both runtimes. Lambda's record has no field for the error, so `reason` (the harness's account of
 * the last failure) stays in the harness's log, where the trigger writes it.
 *
 * A record too large to be copied whole under the broker's limit with its metadata (Lambda's
 * behaviour there is not documented) goes as a SYNTOR `dlq.record` instead, which says the value was
 * left out and its size, rather than being lost.
 */
export async function deadLetterRecords(
  options: DeadLetterOptions,
  records: readonly KafkaRecord[],
  reason: string,
  failure: LambdaFailure = {},
): Promise<void> {
  const retries = options.trigger?.maximumRetryAttempts;
  const details: LambdaFailure = { ...(retries !== undefined && retries >= 0 ? { approximateInvokeCount: retries + 1 } : {}), ...failure };
  const messages = records.map((record) => ({ record, ...lambdaFailureMessage(record, options.functionId, details, options.eventSource) }));
  const oversized = messages.filter((m) => Buffer.byteLength(m.value) > LIMITS.brokerMessageBytes - FRAMING_BYTES);
  const fitting = messages.filter((m) => !oversized.includes(m));
  for (const chunk of chunkBySize(fitting, (m) => Buffer.byteLength(m.value) + (m.key?.length ?? 0) + 100)) {
    await options.producer.sendRaw(TOPICS.deadLetter, chunk.map(({ key, value }) => ({ key, value })));
  }
  if (oversized.length > 0) {
    await publishDeadLetters(options.producer, options.functionId, oversized.map(({ record }) => ({ record, reasonCode: 'retries-exhausted', reason })));
  }
}
