import { createMessage, LIMITS, truncateText } from '../contracts/index.js';
import type { KafkaRecord, SyntorProducer } from '../kafka/index.js';
import { chunkBySize } from '../kafka/messageSize.js';
import { taskMetrics } from '../observability/metrics.js';

export interface RecordFailure {
  record: KafkaRecord;
  reasonCode: string;
  reason: string;
  /** What is needed to act beyond the reason, e.g. `{ error: { code, message } }` for a handler error. */
  details?: Record<string, unknown>;
}

/**
 * Room kept in a dead letter for everything but the copied value: the envelope, reason, origin,
 * details and headers. The value travels base64 (4/3 of its bytes), so a record near the broker's
 * limit cannot be copied whole; it is then left out and its size said instead.
 */
const DEAD_LETTER_ROOM_BYTES = 64 * 1024;
const VALUE_BASE64_MAX_BYTES = LIMITS.brokerMessageBytes - DEAD_LETTER_ROOM_BYTES;
/** A dead letter's fields besides the value, at most: the reason and details are capped at 8 KiB each. */
const FIELDS_BYTES = 20 * 1024;

const base64Bytes = (record: KafkaRecord) => Math.ceil((record.value?.length ?? 0) / 3) * 4;

function deadLetterOf(failedBy: string, { record, reasonCode, reason, details }: RecordFailure) {
  const encoded = base64Bytes(record);
  const fits = encoded <= VALUE_BASE64_MAX_BYTES;
  const omitted = fits ? undefined : { valueBytes: record.value?.length ?? 0, reason: `the value, base64, would be ${encoded} bytes; a dead letter copies at most ${VALUE_BASE64_MAX_BYTES}` };
  const allDetails = omitted ? { ...details, omitted } : details;
  return {
    message: createMessage(
      'dlq.record',
      {
        reason: truncateText(reason, LIMITS.errorMessageBytes),
        reasonCode,
        origin: { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key?.toString('utf8') ?? null, timestamp: record.timestamp },
        value: fits ? (record.value?.toString('base64') ?? null) : null,
        failedBy,
        failedAt: new Date().toISOString(),
        ...(allDetails === undefined ? {} : { details: allDetails }),
      },
      { source: failedBy },
    ),
    options: { key: `${record.topic}-${record.partition}` },
  };
}

/**
 * Sends records that cannot be processed to syntor.dlq with the reason and where they came from.
 * Dead letters of one partition share a key, so they are sent in chunks the broker accepts together.
 */
export async function deadLetterRecords(producer: SyntorProducer, failedBy: string, failures: readonly RecordFailure[]): Promise<void> {
  if (failures.length === 0) return;
  for (const chunk of chunkBySize(failures, (f) => Math.min(base64Bytes(f.record), VALUE_BASE64_MAX_BYTES) + FIELDS_BYTES)) {
    await producer.publishAll(chunk.map((failure) => deadLetterOf(failedBy, failure)));
  }
  for (const { reasonCode } of failures) taskMetrics.dlqRecords.inc({ function: failedBy, reason: reasonCode });
}
