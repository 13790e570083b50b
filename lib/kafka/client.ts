import { Kafka, logLevel as KafkaLogLevel, type KafkaConfig } from 'kafkajs';
import type { SyntorConfig } from '../config/index.js';
import { brokerWaitLogCreator } from './brokerWaitLogCreator.js';

const LOG_LEVELS = {
  debug: KafkaLogLevel.DEBUG,
  info: KafkaLogLevel.WARN, // kafkajs INFO narrates every join and rebalance; keep it for debug.
  warn: KafkaLogLevel.WARN,
  error: KafkaLogLevel.ERROR,
} as const;

/**
 * A kafkajs client for SYNTOR's configuration. Extra settings (SASL for MSK IAM, SSL) are merged in.
 *
 * @example
 * const kafka = createKafka(getConfig());
 */
export function createKafka(
  config: Pick<SyntorConfig, 'kafka' | 'logLevel'>,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId: config.kafka.clientId,
    brokers: [...config.kafka.brokers],
    logLevel: LOG_LEVELS[config.logLevel],
    logCreator: brokerWaitLogCreator(),
    ...overrides,
  });
}
