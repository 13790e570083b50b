import type { KafkaRecord } from '../../../lib/kafka/index.js';

export type BatchOutcome =
  | { kind: 'success' }
  /** Per `topic-partition`, the offset of its first failed record. */
  | { kind: 'partial'; failedFrom: Map<string, bigint> }
  | { kind: 'failure'; reason: string };

// "<topic>-<partition>-<offset>"; topic names may contain dashes, so the numbers are read from the right.
const IDENTIFIER = /^(.+)-(\d+)-(\d+)$/;

/**
 * Reads a handler's response as Lambda does when `ReportBatchItemFailures` is on: no response, no list
 * or an empty list is success; an identifier that is empty, malformed or names no record of the batch
 * makes the whole batch a failure. https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
export function interpretResponse(result: unknown, batch: readonly KafkaRecord[], reportBatchItemFailures: boolean): BatchOutcome {
  if (!reportBatchItemFailures || result === null || typeof result !== 'object') return { kind: 'success' };
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null || (Array.isArray(failures) && failures.length === 0)) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };

  const inBatch = new Set(batch.map((r) => `${r.topic}-${r.partition}-${r.offset}`));
  const failedFrom = new Map<string, bigint>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const match = typeof id === 'string' ? IDENTIFIER.exec(id) : null;
    if (!match || !inBatch.has(id as string)) {
      return { kind: 'failure', reason: `batchItemFailures names no record of this batch: ${JSON.stringify(id)}` };
    }
    const [, topic, partition, offset] = match;
    const tp = `${topic}-${partition}`;
    const previous = failedFrom.get(tp);
    if (previous === undefined || BigInt(offset!) < previous) failedFrom.set(tp, BigInt(offset!));
  }
  return { kind: 'partial', failedFrom };
}
