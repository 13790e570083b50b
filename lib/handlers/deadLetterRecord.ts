import { createMessage } from '../contracts/index.js';
import type { KafkaRecord, SyntorProducer } from '../kafka/index.js';
import { taskMetrics } from '../observability/metrics.js';

/** Sends a record that cannot be processed to syntor.dlq with the reason and where it came from. */
export async function deadLetterRecords(
  producer: SyntorProducer,
  failedBy: string,
  failures: readonly { record: KafkaRecord; reasonCode: string; reason: string }[],
): Promise<void> {
  if (failures.length === 0) return;
  await producer.publishAll(
    failures.map(({ record, reasonCode, reason }) => ({
      message: createMessage(
        'dlq.record',
        {
          reason,
          reasonCode,
          origin: { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key?.toString('utf8') ?? null, timestamp: record.timestamp },
          value: record.value?.toString('base64') ?? null,
          failedBy,
          failedAt: new Date().toISOString(),
        },
        { source: failedBy },
      ),
      options: { key: `${record.topic}-${record.partition}` },
    })),
  );
  for (const { reasonCode } of failures) taskMetrics.dlqRecords.inc({ function: failedBy, reason: reasonCode });
}
