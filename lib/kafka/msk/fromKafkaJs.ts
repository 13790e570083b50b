import type { KafkaMessage } from 'kafkajs';
import type { KafkaRecord } from './types.js';

/**
 * Converts a message as kafkajs delivers it into a {@link KafkaRecord}. kafkajs folds repeated
 * header keys into arrays; they are unfolded back into a list, in order.
 * kafkajs does not surface the batch's timestamp type, so CREATE_TIME (Kafka's default) is assumed.
 */
export function fromKafkaJsMessage(topic: string, partition: number, message: KafkaMessage): KafkaRecord {
  const headers: KafkaRecord['headers'] = [];
  for (const [key, raw] of Object.entries(message.headers ?? {})) {
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      headers.push({ key, value: Buffer.isBuffer(value) ? value : Buffer.from(value) });
    }
  }
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: Number(message.timestamp),
    timestampType: 'CREATE_TIME',
    key: message.key,
    value: message.value,
    headers,
  };
}
