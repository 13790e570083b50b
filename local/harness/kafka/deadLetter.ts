import type { KafkaRecord, SyntorProducer } from '../../../lib/kafka/index.js';
import { deadLetterRecords as publishDeadLetters } from '../../../lib/handlers/index.js';
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
  await publishDeadLetters(options.producer, options.functionId, records.map((record) => ({ record, reasonCode: 'retries-exhausted', reason })));
  options.metrics.dlqRecords.inc({ agent: options.agent, function: options.functionId, reason: 'retries-exhausted' }, records.length);
}
