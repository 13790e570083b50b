import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../lib/contracts/index.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { CdkContextInvalidError } from '../../cdk/lib/errors.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp, resourcesOf, statementsByRole, templateOf } from './support.js';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor/kafka';
const SELF_MANAGED = {
  'syntor:kafka': 'self-managed',
  'syntor:kafkaBootstrapServers': 'b-1.kafka.example.com:9096,b-2.kafka.example.com:9096',
  'syntor:kafkaSecretArn': SECRET,
};

describe('the CDK app against a self-managed Kafka cluster', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp([probeAgent], SELF_MANAGED);
  });

  it('creates no MSK cluster, only the topics on the given brokers, signed in with the secret', () => {
    const messaging = templateOf(syntor.messaging);

    expect(Object.keys(resourcesOf(messaging, 'AWS::MSK::ServerlessCluster'))).toEqual([]);
    expect(Object.keys(resourcesOf(messaging, 'AWS::MSK::Cluster'))).toEqual([]);
    messaging.hasResourceProperties('AWS::CloudFormation::CustomResource', Match.objectLike({
      BootstrapServers: 'b-1.kafka.example.com:9096,b-2.kafka.example.com:9096',
      SecretArn: SECRET,
      Auth: 'sasl-scram-512',
      ClusterArn: Match.absent(),
    }));
  });

  it('maps each Kafka trigger to a self-managed event source with SASL/SCRAM-512 and the VPC placement of its pollers', () => {
    const mapping = Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::Lambda::EventSourceMapping')).find((m) => JSON.stringify(m.Properties.Topics) === JSON.stringify([TOPICS.taskAssignment]));

    expect(mapping, 'the probe agent’s task.assignment trigger').toBeDefined();
    const props = mapping!.Properties;
    expect(props.EventSourceArn).toBeUndefined();
    expect(props.SelfManagedEventSource).toEqual({ Endpoints: { KafkaBootstrapServers: ['b-1.kafka.example.com:9096', 'b-2.kafka.example.com:9096'] } });
    const access = props.SourceAccessConfigurations as { Type: string; URI: unknown }[];
    expect(access.map((a) => a.Type).sort()).toEqual(['SASL_SCRAM_512_AUTH', 'VPC_SECURITY_GROUP', 'VPC_SUBNET', 'VPC_SUBNET'].sort());
    expect(access.find((a) => a.Type === 'SASL_SCRAM_512_AUTH')!.URI).toBe(SECRET);
    // The same batching and retry controls as on MSK.
    expect(props).toMatchObject({ BatchSize: 25, MaximumBatchingWindowInSeconds: 2, StartingPosition: 'LATEST' });
  });

  it('tells the functions the brokers and the secret instead of a cluster ARN', () => {
    const fn = Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::Lambda::Function')).find((f) => f.Properties.FunctionName === 'syntor-local-probe-consume');
    const variables = (fn!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(variables).toMatchObject({ SYNTOR_KAFKA_BROKERS: 'b-1.kafka.example.com:9096,b-2.kafka.example.com:9096', SYNTOR_KAFKA_SECRET_ARN: SECRET, SYNTOR_KAFKA_AUTH: 'sasl-scram-512' });
    expect(variables.SYNTOR_MSK_CLUSTER_ARN).toBeUndefined();
  });

  it('grants no MSK IAM action and lets the roles read only that secret of Kafka’s', () => {
    const statements = Object.values(statementsByRole(syntor)).flat();
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);

    expect(actions.filter((a) => a.startsWith('kafka'))).toEqual([]);
    const secretReads = statements.filter((s) => s.Sid === 'ReadKafkaSecret');
    expect(secretReads.length).toBeGreaterThan(0);
    for (const s of secretReads) expect(s.Resource).toBe(`${SECRET}-??????`);
  });

  it('passes cdk-nag with no unacknowledged error', () => {
    syntor.app.synth();
    const report = new AwsSolutionsChecks().validateScope(syntor.app);

    expect(report.violations.filter((v) => v.severity === 'error').map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('self-managed Kafka context', () => {
  it('uses the client certificate with mtls', async () => {
    const syntor = await buildTestApp([probeAgent], { ...SELF_MANAGED, 'syntor:kafkaAuth': 'mtls' });
    const mappings = Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::Lambda::EventSourceMapping'));

    for (const m of mappings) {
      expect((m.Properties.SourceAccessConfigurations as { Type: string }[]).map((a) => a.Type)).toContain('CLIENT_CERTIFICATE_TLS_AUTH');
    }
  });

  it('names every missing or malformed value', async () => {
    const attempt = buildTestApp([probeAgent], { 'syntor:kafka': 'self-managed', 'syntor:kafkaBootstrapServers': 'not a host', 'syntor:kafkaAuth': 'plain' });

    await expect(attempt).rejects.toBeInstanceOf(CdkContextInvalidError);
    await expect(attempt).rejects.toThrow(/syntor:kafkaBootstrapServers: expected host:port pairs, got "not a host"/);
    await expect(attempt).rejects.toThrow(/syntor:kafkaAuth: expected one of sasl-scram-512 \| mtls, got "plain"/);
    await expect(attempt).rejects.toThrow(/syntor:kafkaSecretArn: required with syntor:kafka=self-managed/);
  });

  it('refuses self-managed keys without syntor:kafka=self-managed', async () => {
    await expect(buildTestApp([probeAgent], { 'syntor:kafkaSecretArn': SECRET })).rejects.toThrow(/syntor:kafkaSecretArn: only applies with syntor:kafka=self-managed/);
  });
});
