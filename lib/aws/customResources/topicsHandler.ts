import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import { createKafka } from '../../kafka/client.js';
import { ensureTopics, type EnsureTopicsOptions, type EnsureTopicsResult } from '../../kafka/topics.js';
import { lookupBootstrapBrokers } from '../bootstrapBrokers.js';
import { mskIamSasl, regionOfArn } from '../mskIamSasl.js';
import { createKafkaClient, createSecretsManagerClient } from '../sdkClients.js';
import { SELF_MANAGED_KAFKA_AUTH, selfManagedKafkaAuth, type SelfManagedKafkaAuth } from '../selfManagedKafka.js';
import type { ProviderHandler } from './types.js';

/** CloudFormation hands every property over as a string: numbers are coerced back. */
const topicSettings = {
  Topics: z.array(z.string().min(1)).min(1),
  Partitions: z.coerce.number().int().min(1),
  ReplicationFactor: z.coerce.number().int().min(1),
};
/** On MSK the cluster's ARN; on a self-managed cluster its brokers and the secret to sign in with. */
export const topicsPropertiesSchema = z.union([
  z.object({ ClusterArn: z.string().startsWith('arn:'), ...topicSettings }),
  z.object({ BootstrapServers: z.string().min(1), SecretArn: z.string().startsWith('arn:'), Auth: z.enum(SELF_MANAGED_KAFKA_AUTH), ...topicSettings }),
]);

export interface TopicsHandlerDeps {
  readonly kafkaClient: (region: string) => KafkaClient | Promise<KafkaClient>;
  /** A kafkajs client for the brokers, authenticated with the function's role. */
  readonly connect: (brokers: string[], region: string) => Kafka;
  readonly ensureTopics: (kafka: Kafka, options: EnsureTopicsOptions) => Promise<EnsureTopicsResult>;
  /** A kafkajs client for a self-managed cluster, signed in with its secret. */
  readonly connectSelfManaged?: (brokers: string[], secretArn: string, auth: SelfManagedKafkaAuth) => Promise<Kafka>;
}

export const PHYSICAL_ID = 'syntor-topics';

/**
 * Creates the SYNTOR topics on MSK or a self-managed cluster (and grows topics with too few partitions) on Create and Update.
 * Delete leaves them: topics hold messages, and a stack update must never lose them.
 */
export function createTopicsHandler(deps: TopicsHandlerDeps): ProviderHandler {
  async function kafkaFor(props: z.output<typeof topicsPropertiesSchema>): Promise<Kafka> {
    if ('BootstrapServers' in props) {
      if (!deps.connectSelfManaged) throw new TypeError('this topics handler cannot connect to a self-managed cluster');
      return deps.connectSelfManaged(props.BootstrapServers.split(',').map((b) => b.trim()).filter(Boolean), props.SecretArn, props.Auth);
    }
    const region = regionOfArn(props.ClusterArn);
    return deps.connect(await lookupBootstrapBrokers(await deps.kafkaClient(region), props.ClusterArn), region);
  }

  return async function onTopicsEvent(event) {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
    const props = topicsPropertiesSchema.parse(event.ResourceProperties);
    const result = await deps.ensureTopics(await kafkaFor(props), {
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
  connectSelfManaged: async (brokers, secretArn, auth) =>
    createKafka(
      { logLevel: 'warn', kafka: { clientId: 'syntor-provisioning', brokers, topicPartitions: 1, replicationFactor: 1 } },
      await selfManagedKafkaAuth(await createSecretsManagerClient(), secretArn, auth),
    ),
});
