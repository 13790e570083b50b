import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOPICS } from '../../lib/contracts/index.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp, resourcesOf, templateOf } from './support.js';

describe('messaging and data: encryption, secrets, topics and migrations', () => {
  let local: SyntorApp;
  let production: SyntorApp;
  beforeAll(async () => {
    [local, production] = await Promise.all([
      buildTestApp([probeAgent]),
      buildTestApp([probeAgent], { environment: 'production', 'syntor:kafka': 'provisioned', 'syntor:database': 'aurora-serverless' }),
    ]);
  });

  it('creates MSK Serverless with IAM authentication and the nine topics through a custom resource', () => {
    const template = templateOf(local.messaging);
    template.hasResourceProperties('AWS::MSK::ServerlessCluster', { ClientAuthentication: { Sasl: { Iam: { Enabled: true } } } });
    template.hasResourceProperties('AWS::CloudFormation::CustomResource', { Topics: [...ALL_TOPICS], Partitions: 3, ReplicationFactor: 3 });
  });

  it('creates a provisioned MSK cluster with TLS, IAM only and encrypted storage when asked', () => {
    const template = templateOf(production.messaging);
    template.hasResourceProperties('AWS::MSK::Cluster', {
      NumberOfBrokerNodes: 2,
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: false } },
      EncryptionInfo: { EncryptionAtRest: { DataVolumeKMSKeyId: Match.anyValue() }, EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
    });
    template.hasResourceProperties('AWS::CloudFormation::CustomResource', { Partitions: 6, ReplicationFactor: 2 });
  });

  it('encrypts PostgreSQL with the data key, keeps backups, and keeps generated credentials in a rotated secret', () => {
    const template = templateOf(local.data);
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      StorageEncrypted: true,
      KmsKeyId: Match.anyValue(),
      BackupRetentionPeriod: 1,
      DBName: 'syntor',
    });
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'syntor-local/postgres', KmsKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts Redis/Valkey in transit and at rest, with an AUTH token from Secrets Manager', () => {
    const template = templateOf(local.data);
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Engine: 'valkey',
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      KmsKeyId: Match.anyValue(),
      AuthToken: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('^\\{\\{resolve:secretsmanager:')])]) }),
    });
  });

  it('runs the migrations through a custom resource that changes with the SQL files', () => {
    const template = templateOf(local.data);
    template.hasResourceProperties('AWS::CloudFormation::CustomResource', { MigrationsHash: Match.stringLikeRegexp('^[0-9a-f]{16}$') });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'syntor-local-provision-migrations',
      Handler: 'migrate/index.handler',
      Environment: { Variables: Match.objectLike({ SYNTOR_POSTGRES_SSL: 'require', SYNTOR_POSTGRES_SECRET_ARN: Match.anyValue() }) },
    });
  });

  it('never destroys production data: retained database, cache, keys and cluster, deletion protection on', () => {
    const data = templateOf(production.data);
    data.hasResourceProperties('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', StorageEncrypted: true, DeletionProtection: true, BackupRetentionPeriod: 30 });
    data.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: { MinCapacity: 1, MaxCapacity: 16 } });
    for (const type of ['AWS::RDS::DBCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret']) {
      for (const [id, resource] of Object.entries(resourcesOf(data, type))) expect(resource.DeletionPolicy, `${type} ${id}`).toBe('Retain');
    }
    for (const [id, resource] of Object.entries(resourcesOf(templateOf(production.messaging), 'AWS::MSK::Cluster'))) expect(resource.DeletionPolicy, id).toBe('Retain');
    expect(templateOf(production.data).toJSON()).toBeDefined();
    expect(production.data.terminationProtection).toBe(true);

    for (const [id, resource] of Object.entries(resourcesOf(templateOf(local.data), 'AWS::RDS::DBInstance'))) expect(resource.DeletionPolicy, id).toBe('Delete');
  });
});
