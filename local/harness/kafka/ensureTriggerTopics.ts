import type { Admin, Kafka } from 'kafkajs';
import type { SyntorConfig } from '../../../lib/config/index.js';
import { isTopicName, TOPICS, type AgentManifest } from '../../../lib/contracts/index.js';
import { ensureTopics } from '../../../lib/kafka/index.js';
import { HarnessKafkaUnreachableError, HarnessTopicsMissingError } from '../errors.js';
import type { HarnessLog } from '../log.js';

export interface EnsureTriggerTopicsOptions {
  readonly kafka: Kafka;
  readonly config: Pick<SyntorConfig, 'environment' | 'kafka'>;
  /** From {@link triggerTopicsOf}. */
  readonly topics: readonly string[];
  readonly log: HarnessLog;
}

/**
 * Every topic the agents' Kafka triggers need: the ones they read, and syntor.dlq, where Lambda's
 * on-failure destination (and so the harness) sends records whose retries ran out.
 */
export function triggerTopicsOf(agents: readonly AgentManifest[]): string[] {
  const read = agents.flatMap((agent) =>
    agent.functions.flatMap((fn) => fn.triggers.flatMap((trigger) => (trigger.type === 'kafka' ? [trigger.topic] : []))),
  );
  return read.length === 0 ? [] : [...new Set([...read, TOPICS.deadLetter])].sort();
}

/**
 * What creates `missing` outside `local`: `npm run topics -- create` for SYNTOR's own topics, a
 * kafka-topics.sh line for any other (a trigger may read a topic of its own).
 */
export function createTopicCommands(missing: readonly string[], config: Pick<SyntorConfig, 'kafka'>): string[] {
  const { brokers, topicPartitions, replicationFactor } = config.kafka;
  const commands = missing.some(isTopicName) ? [`SYNTOR_KAFKA_BROKERS=${brokers.join(',')} npm run topics -- create`] : [];
  for (const topic of missing.filter((name) => !isTopicName(name))) {
    commands.push(
      `kafka-topics.sh --bootstrap-server ${brokers.join(',')} --create --topic ${topic} ` +
        `--partitions ${topicPartitions} --replication-factor ${replicationFactor}`,
    );
  }
  return commands;
}

/**
 * Checks, before any poller starts, that every topic the triggers need exists: with
 * `auto.create.topics.enable=false` a consumer of a missing topic fails later with a bare "This server
 * does not host this topic-partition". Locally the missing ones are created with the configured
 * partitions and replication (the same code as `npm run topics -- create`); elsewhere the harness refuses.
 *
 * @returns the topics it created.
 * @throws HarnessKafkaUnreachableError when no broker answers (after the client's own connect retries,
 *   about 10 s with kafkajs' defaults).
 * @throws HarnessTopicsMissingError outside `local`, naming the topics and the commands that create them.
 * @example
 * await ensureTriggerTopics({ kafka, config, topics: triggerTopicsOf(agents), log });
 */
export async function ensureTriggerTopics(options: EnsureTriggerTopicsOptions): Promise<string[]> {
  const { kafka, config, topics, log } = options;
  if (topics.length === 0) return [];
  const missing = await missingTopics(kafka.admin(), topics, config.kafka.brokers);
  if (missing.length === 0) return [];
  if (config.environment !== 'local') {
    throw new HarnessTopicsMissingError(missing, config.kafka.brokers, createTopicCommands(missing, config), config.environment);
  }
  const { topicPartitions: partitions, replicationFactor } = config.kafka;
  await ensureTopics(kafka.admin(), { partitions, replicationFactor, topics: missing });
  log.info(
    `Created the missing Kafka topic${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ` +
      `(${partitions} partitions, replication factor ${replicationFactor}) that the triggers need.`,
  );
  return missing;
}

async function missingTopics(admin: Admin, wanted: readonly string[], brokers: readonly string[]): Promise<string[]> {
  try {
    await admin.connect();
  } catch (error) {
    throw new HarnessKafkaUnreachableError(brokers, { cause: error });
  }
  try {
    const present = new Set(await admin.listTopics());
    return wanted.filter((topic) => !present.has(topic));
  } finally {
    await admin.disconnect();
  }
}
