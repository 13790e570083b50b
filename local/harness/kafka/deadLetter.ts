import { createMessage } from '../../../lib/contracts/index.js';
import type { KafkaRecord, SyntorProducer } from '../../../lib/kafka/index.js';
import type { HarnessMetrics } from '../metrics.js';

/**
 * Lambda's on-failure destination for Kafka: once retries are exhausted, each record goes to
 * syntor.dlq with the reason and where it came from, then its offset is committed.
 */
export async function deadLetterRecords(
  options: { agent: string; functionId: string; producer: SyntorProducer; metrics: HarnessMetrics },
  records: readonly KafkaRecord[],
  reason: string,
): Promise<void> {
  if (records.length === 0) return;
  await options.producer.publishAll(
    records.map((record) => ({
      message: createMessage(
        'dlq.record',
        {
          reason,
          reasonCode: 'retries-exhausted',
          origin: {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            key: record.key?.toString('utf8') ?? null,
            timestamp: record.timestamp,
          },
          value: record.value?.toString('base64') ?? null,
          failedBy: options.functionId,
          failedAt: new Date().toISOString(),
        },
        { source: options.functionId },
      ),
      options: { key: `${record.topic}-${record.partition}` },
    })),
  );
  options.metrics.dlqRecords.inc({ agent: options.agent, function: options.functionId, reason: 'retries-exhausted' }, records.length);
}
