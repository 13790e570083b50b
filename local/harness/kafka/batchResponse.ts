import type { KafkaRecord } from '../../../lib/kafka/index.js';

export type BatchOutcome =
  | { kind: 'success' }
  /** Per `topic-partition`, the offset of its first failed record. */
  | { kind: 'partial'; failedFrom: Map<string, bigint> }
  | { kind: 'failure'; reason: string };

/** What a handler must return for each failed record; anything else fails the whole batch. */
export const KAFKA_ITEM_IDENTIFIER_SHAPE = '{ itemIdentifier: { partition: "<topic>-<partition>", offset: <number> } }';

/**
 * The `topic-partition` and offset an item identifier names, or undefined when it is not one. AWS's
 * form for Kafka is the object `{ partition: "<topic>-<partition>", offset: <number> }`, the
 * partition being a key of the event's `records` map; no string form is documented, so none is taken.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 */
function parseIdentifier(id: unknown): { tp: string; offset: bigint } | undefined {
  if (id === null || typeof id !== 'object') return undefined;
  const { partition, offset } = id as { partition?: unknown; offset?: unknown };
  if (typeof partition !== 'string' || partition === '' || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return undefined;
  return { tp: partition, offset: BigInt(offset) };
}

/**
 * Reads a handler's response as Lambda does when `ReportBatchItemFailures` is on: no response, no list
 * or an empty list is success; an identifier that is empty, malformed or names no record of the batch
 * makes the whole batch a failure. Several failures in one partition: redelivery starts at the lowest.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
export function interpretResponse(result: unknown, batch: readonly KafkaRecord[], reportBatchItemFailures: boolean): BatchOutcome {
  if (!reportBatchItemFailures || result === null || typeof result !== 'object') return { kind: 'success' };
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null || (Array.isArray(failures) && failures.length === 0)) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };

  const inBatch = new Set(batch.map((r) => `${r.topic}-${r.partition}@${r.offset}`));
  const failedFrom = new Map<string, bigint>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const parsed = parseIdentifier(id);
    if (!parsed) return { kind: 'failure', reason: `batchItemFailures entry ${JSON.stringify(failure)} is not ${KAFKA_ITEM_IDENTIFIER_SHAPE}` };
    if (!inBatch.has(`${parsed.tp}@${parsed.offset}`)) return { kind: 'failure', reason: `batchItemFailures names no record of this batch: ${JSON.stringify(id)}` };
    const previous = failedFrom.get(parsed.tp);
    if (previous === undefined || parsed.offset < previous) failedFrom.set(parsed.tp, parsed.offset);
  }
  return { kind: 'partial', failedFrom };
}
