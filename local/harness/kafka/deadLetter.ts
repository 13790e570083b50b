import type { KafkaRecord, SyntorProducer } from '../../../lib/kafka/index.js';
import { deadLetterRecords as publishDeadLetters } from '../../../lib/handlers/index.js';

/**
 * Lambda's on-failure destination for Kafka: once retries are exhausted, each record goes to
 * syntor.dlq with the reason and where it came from, then its offset is committed.
 */
export async function deadLetterRecords(
  options: { functionId: string; producer: SyntorProducer },
  records: readonly KafkaRecord[],
  reason: string,
): Promise<void> {
  // Counted in syntor_dlq_records_total by the shared dead-letter code, as on Lambda.
  await publishDeadLetters(options.producer, options.functionId, records.map((record) => ({ record, reasonCode: 'retries-exhausted', reason })));
}
