import { createHash } from 'node:crypto';
import type { MessageOf } from '../contracts/index.js';
import type { PoisonRecord } from '../handlers/index.js';
import { taskMetrics } from '../observability/metrics.js';
import type { DeadLetterArchive } from './ports.js';
import { deadLettersOfLambdaRecord, readLambdaFailureRecord } from './lambdaDeadLetters.js';

/** A stable id for a record (and the n-th letter it holds), so a redelivered one is stored once. */
function recordId({ topic, partition, offset }: PoisonRecord['record'], n = 0): string {
  const hex = createHash('sha256').update(`${topic}/${partition}/${offset}${n === 0 ? '' : `#${n}`}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Stores what arrives on syntor.dlq, in either of its two forms: a SYNTOR `dlq.record` (a handler's
 * poison record, a dead task), or the record Lambda's Kafka on-failure destination writes when a
 * trigger's retries run out (the harness writes the same), stored under the failed record's real
 * origin and Lambda's condition so that a redrive sends it back to its source topic. Anything else
 * (garbage) is stored as it is, `foreign-dead-letter`, never sent back to syntor.dlq.
 */
export async function storeDeadLetters(
  deps: { deadLetters: Pick<DeadLetterArchive, 'add'> },
  letters: readonly MessageOf<'dlq.record'>[],
  foreign: readonly PoisonRecord[],
  storedBy: string,
): Promise<void> {
  for (const message of letters) await deps.deadLetters.add(message.payload, message.id);
  for (const { record, reasonCode, reason } of foreign) {
    const lambda = readLambdaFailureRecord(record);
    const fromLambda = lambda ? deadLettersOfLambdaRecord(record, lambda) : [];
    if (fromLambda.length > 0) {
      for (const [n, letter] of fromLambda.entries()) {
        await deps.deadLetters.add(letter, recordId(record, n));
        // Lambda writes these without SYNTOR code running, so they are counted where they are stored, on both runtimes.
        taskMetrics.dlqRecords.inc({ function: letter.failedBy, reason: letter.reasonCode });
      }
      continue;
    }
    // A readable dead letter whose storing failed by itself is kept as received, under its own reason.
    const unstorable = reasonCode === 'handler-error';
    await deps.deadLetters.add(
      {
        reason: unstorable ? `a dead letter that could not be stored as sent (${reason}); kept as received` : `not a SYNTOR dead letter (${reasonCode}): ${reason}`,
        reasonCode: unstorable ? 'handler-error' : 'foreign-dead-letter',
        origin: { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key?.toString('utf8') ?? null, timestamp: record.timestamp },
        value: record.value?.toString('base64') ?? null,
        failedBy: storedBy,
        failedAt: new Date().toISOString(),
      },
      recordId(record),
    );
  }
}
