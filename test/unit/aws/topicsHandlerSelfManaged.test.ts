import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { Kafka } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { createTopicsHandler } from '../../../lib/aws/customResources/topicsHandler.js';
import { ALL_TOPICS } from '../../../lib/contracts/index.js';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_syntor-AbCdEf';

function event(properties: Record<string, unknown>): CloudFormationCustomResourceEvent {
  return {
    RequestType: 'Create', ServiceToken: 'token', ResponseURL: 'https://example.com', StackId: 'stack', RequestId: 'request', LogicalResourceId: 'resource',
    ResourceType: 'Custom::Syntor', ResourceProperties: { ServiceToken: 'token', ...properties },
  } as CloudFormationCustomResourceEvent;
}

describe('topics custom resource on a self-managed cluster', () => {
  it('connects to the given brokers with the secret, asking MSK nothing, and ensures the topics', async () => {
    // Prepare
    const kafka = { admin: vi.fn() } as unknown as Kafka;
    const kafkaClient = vi.fn();
    const connect = vi.fn();
    const connectSelfManaged = vi.fn(async () => kafka);
    const ensureTopics = vi.fn(async () => ({ created: [...ALL_TOPICS], existing: [], expanded: [] }));
    const handler = createTopicsHandler({ kafkaClient, connect, ensureTopics, connectSelfManaged });

    // Act
    const response = await handler(event({ BootstrapServers: 'b-1.example.com:9096,b-2.example.com:9096', SecretArn: SECRET, Auth: 'mtls', Topics: [...ALL_TOPICS], Partitions: '3', ReplicationFactor: '2' }));

    // Assess
    expect(connectSelfManaged).toHaveBeenCalledWith(['b-1.example.com:9096', 'b-2.example.com:9096'], SECRET, 'mtls');
    expect(kafkaClient).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
    expect(ensureTopics).toHaveBeenCalledWith(kafka, { topics: [...ALL_TOPICS], partitions: 3, replicationFactor: 2 });
    expect(response).toMatchObject({ PhysicalResourceId: 'syntor-topics', Data: { created: ALL_TOPICS.length } });
  });

  it('refuses properties that name neither a cluster ARN nor brokers with a secret', async () => {
    const handler = createTopicsHandler({ kafkaClient: vi.fn(), connect: vi.fn(), ensureTopics: vi.fn() });

    await expect(handler(event({ BootstrapServers: 'b:9096', Topics: ['t'], Partitions: '1', ReplicationFactor: '1' }))).rejects.toThrow();
  });
});
