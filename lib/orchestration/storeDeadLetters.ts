import { createHash } from 'node:crypto';
import type { MessageOf } from '../contracts/index.js';
import type { PoisonRecord } from '../handlers/index.js';
import type { Deps } from './deps.js';

/** A stable id for a record, so a redelivered one is stored once. */
function recordId({ topic, partition, offset }: PoisonRecord['record']): string {
  const hex = createHash('sha256').update(`${topic}/${partition}/${offset}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Stores what arrives on syntor.dlq. A record there that is not a SYNTOR `dlq.record` (Lambda's own
 * on-failure record on AWS, or garbage) is stored as it is, never sent back to syntor.dlq.
 */
export async function storeDeadLetters(
  deps: Deps,
  letters: readonly MessageOf<'dlq.record'>[],
  foreign: readonly PoisonRecord[],
  storedBy: string,
): Promise<void> {
  for (const message of letters) await deps.deadLetters.add(message.payload, message.id);
  for (const { record, reasonCode, reason } of foreign) {
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
