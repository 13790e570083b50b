import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import { createKafka } from '../../kafka/client.js';
import { ensureTopics, type EnsureTopicsOptions, type EnsureTopicsResult } from '../../kafka/topics.js';
import { lookupBootstrapBrokers } from '../bootstrapBrokers.js';
import { mskIamSasl, regionOfArn } from '../mskIamSasl.js';
import { createKafkaClient } from '../sdkClients.js';
import type { ProviderHandler } from './types.js';

/** CloudFormation hands every property over as a string: numbers are coerced back. */
export const topicsPropertiesSchema = z.object({
  ClusterArn: z.string().startsWith('arn:'),
  Topics: z.array(z.string().min(1)).min(1),
  Partitions: z.coerce.number().int().min(1),
  ReplicationFactor: z.coerce.number().int().min(1),
});

export interface TopicsHandlerDeps {
  readonly kafkaClient: (region: string) => KafkaClient | Promise<KafkaClient>;
  /** A kafkajs client for the brokers, authenticated with the function's role. */
  readonly connect: (brokers: string[], region: string) => Kafka;
  readonly ensureTopics: (kafka: Kafka, options: EnsureTopicsOptions) => Promise<EnsureTopicsResult>;
}

export const PHYSICAL_ID = 'syntor-topics';

/**
 * Creates the SYNTOR topics on MSK (and grows topics with too few partitions) on Create and Update.
 * Delete leaves them: topics hold messages, and a stack update must never lose them.
 */
export function createTopicsHandler(deps: TopicsHandlerDeps): ProviderHandler {
  return async function onTopicsEvent(event) {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
    const props = topicsPropertiesSchema.parse(event.ResourceProperties);
    const region = regionOfArn(props.ClusterArn);
    const brokers = await lookupBootstrapBrokers(await deps.kafkaClient(region), props.ClusterArn);
    const result = await deps.ensureTopics(deps.connect(brokers, region), {
      topics: props.Topics,
      partitions: props.Partitions,
      replicationFactor: props.ReplicationFactor,
    });
    console.log(JSON.stringify({ message: 'topics ensured', ...result }));
    return {
      PhysicalResourceId: PHYSICAL_ID,
      Data: { created: result.created.length, existing: result.existing.length, expanded: result.expanded.length },
    };
  };
}

export const handler = createTopicsHandler({
  kafkaClient: createKafkaClient,
  connect: (brokers, region) =>
    createKafka(
      { logLevel: 'warn', kafka: { clientId: 'syntor-provisioning', brokers, topicPartitions: 1, replicationFactor: 1 } },
      { ssl: true, sasl: mskIamSasl(region) },
    ),
  ensureTopics: (kafka, options) => ensureTopics(kafka.admin(), options),
});
