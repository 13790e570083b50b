import { GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Kafka } from 'kafkajs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMigrationsHandler } from '../../../lib/aws/customResources/migrationsHandler.js';
import { createTopicsHandler } from '../../../lib/aws/customResources/topicsHandler.js';
import { loadConfig } from '../../../lib/config/index.js';
import { ALL_TOPICS } from '../../../lib/contracts/index.js';

const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:123456789012:cluster/syntor-local-kafka/uuid-s1';
const kafkaApi = mockClient(KafkaClient);

function event(requestType: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown>): CloudFormationCustomResourceEvent {
  return {
    RequestType: requestType,
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    ResponseURL: 'https://example.com/response',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'resource',
    ResourceType: 'Custom::Syntor',
    ResourceProperties: { ServiceToken: 'token', ...properties },
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'existing-id', OldResourceProperties: {} }),
  } as CloudFormationCustomResourceEvent;
}

describe('topics custom resource', () => {
  beforeEach(() => {
    kafkaApi.reset();
    kafkaApi.on(GetBootstrapBrokersCommand).resolves({ BootstrapBrokerStringSaslIam: 'b-1:9098,b-2:9098' });
  });

  const setup = () => {
    const kafka = { admin: vi.fn() } as unknown as Kafka;
    const connect = vi.fn((_brokers: string[], _region: string) => kafka);
    const ensureTopics = vi.fn(async () => ({ created: ['syntor.dlq'], existing: ['syntor.tasks.status'], expanded: [] }));
    const handler = createTopicsHandler({ kafkaClient: (region) => new KafkaClient({ region }), connect, ensureTopics });
    return { handler, connect, ensureTopics, kafka };
  };

  it.each(['Create', 'Update'] as const)('ensures the topics with the configured partitions on %s (properties arrive as strings)', async (requestType) => {
    const { handler, connect, ensureTopics, kafka } = setup();

    const response = await handler(event(requestType, { ClusterArn: CLUSTER_ARN, Topics: [...ALL_TOPICS], Partitions: '6', ReplicationFactor: '3' }));

    expect(connect).toHaveBeenCalledWith(['b-1:9098', 'b-2:9098'], 'eu-west-1');
    expect(ensureTopics).toHaveBeenCalledWith(kafka, { topics: [...ALL_TOPICS], partitions: 6, replicationFactor: 3 });
    expect(response).toEqual({ PhysicalResourceId: 'syntor-topics', Data: { created: 1, existing: 1, expanded: 0 } });
  });

  it('never deletes topics', async () => {
    const { handler, connect } = setup();

    const response = await handler(event('Delete', { ClusterArn: CLUSTER_ARN, Topics: [...ALL_TOPICS], Partitions: '3', ReplicationFactor: '3' }));

    expect(response).toEqual({ PhysicalResourceId: 'existing-id' });
    expect(connect).not.toHaveBeenCalled();
    expect(kafkaApi.calls()).toHaveLength(0);
  });
});

describe('migrations custom resource', () => {
  const connection = loadConfig({}).postgres;

  it.each(['Create', 'Update'] as const)('applies pending migrations on %s', async (requestType) => {
    const migrate = vi.fn(async () => ['1764000000000_initial-schema']);
    const handler = createMigrationsHandler({ connection: async () => connection, migrate });

    const response = await handler(event(requestType, { MigrationsHash: 'abc' }));

    expect(migrate).toHaveBeenCalledWith(connection);
    expect(response).toEqual({ PhysicalResourceId: 'syntor-migrations', Data: { applied: 1, last: '1764000000000_initial-schema' } });
  });

  it('rolls nothing back on Delete', async () => {
    const migrate = vi.fn(async () => []);
    const handler = createMigrationsHandler({ connection: async () => connection, migrate });

    await handler(event('Delete', {}));

    expect(migrate).not.toHaveBeenCalled();
  });
});
