import type { KafkaRecord } from '../../../lib/kafka/index.js';

export type BatchOutcome =
  | { kind: 'success' }
  /** Per `topic-partition`, the offset of its first failed record. */
  | { kind: 'partial'; failedFrom: Map<string, bigint> }
  | { kind: 'failure'; reason: string };

// "<topic>-<partition>-<offset>"; topic names may contain dashes, so the numbers are read from the right.
const IDENTIFIER = /^(.+)-(\d+)-(\d+)$/;

/** The `topic-partition` and offset an item identifier names, or undefined when it is not one. */
function parseIdentifier(id: unknown): { tp: string; offset: bigint } | undefined {
  // AWS's form for Kafka: `{ partition: "<topic>-<partition>", offset: <number> }`, the partition
  // being a key of the event's `records` map.
  // https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
  if (id !== null && typeof id === 'object') {
    const { partition, offset } = id as { partition?: unknown; offset?: unknown };
    if (typeof partition !== 'string' || partition === '' || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return undefined;
    return { tp: partition, offset: BigInt(offset) };
  }
  // The string form `<topic>-<partition>-<offset>` this harness accepted before AWS documented the
  // object form. AWS's pages show only the object form, so a handler meant for Lambda should not
  // rely on this one; it is kept for the handlers and tests already written with it.
  const match = typeof id === 'string' ? IDENTIFIER.exec(id) : null;
  if (!match) return undefined;
  return { tp: `${match[1]}-${match[2]}`, offset: BigInt(match[3]!) };
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
    if (!parsed || !inBatch.has(`${parsed.tp}@${parsed.offset}`)) {
      return { kind: 'failure', reason: `batchItemFailures names no record of this batch: ${JSON.stringify(id)}` };
    }
    const previous = failedFrom.get(parsed.tp);
    if (previous === undefined || parsed.offset < previous) failedFrom.set(parsed.tp, parsed.offset);
  }
  return { kind: 'partial', failedFrom };
}
