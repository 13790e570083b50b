import { Duration, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DeploymentSettings } from '../config/types.js';
import type { SyntorNetwork } from '../stacks/NetworkStack.js';

export interface DatabaseProps {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  /** Encrypts storage, Performance Insights and the credentials secret. */
  readonly key: kms.IKey;
}

export const DATABASE_NAME = 'syntor';
const ROTATION_DAYS = 30;

/**
 * PostgreSQL for SYNTOR's tasks, history and dead letters: RDS PostgreSQL (default) or Aurora
 * PostgreSQL Serverless v2 (`-c syntor:database=aurora-serverless`). Credentials are generated into
 * Secrets Manager and rotated; storage is encrypted with the data key; TLS is enforced; backups kept.
 */
export class Database extends Construct {
  readonly secret: secretsmanager.ISecret;
  /** What the migrations must wait for. */
  readonly resource: Construct;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { settings, network, key } = props;
    const credentials = rds.Credentials.fromGeneratedSecret('syntor', { encryptionKey: key, secretName: `${settings.prefix}/postgres` });
    const common = {
      vpc: network.vpc,
      vpcSubnets: network.subnets,
      securityGroups: [network.database],
      credentials,
      storageEncryptionKey: key,
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removal.snapshotable,
      cloudwatchLogsExports: ['postgresql'],
    };
    if (settings.database.engine === 'postgres') {
      const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_5 });
      const instance = new rds.DatabaseInstance(this, 'instance', {
        ...common,
        engine,
        databaseName: DATABASE_NAME,
        backupRetention: Duration.days(settings.database.backupRetentionDays),
        instanceType: new ec2.InstanceType(settings.database.instanceType),
        multiAz: settings.database.multiAz,
        allocatedStorage: settings.database.allocatedStorageGb,
        maxAllocatedStorage: settings.database.allocatedStorageGb * 4,
        storageEncrypted: true,
        enablePerformanceInsights: true,
        performanceInsightEncryptionKey: key,
        parameterGroup: new rds.ParameterGroup(this, 'parameters', { engine, parameters: { 'rds.force_ssl': '1' } }),
      });
      if (!settings.database.multiAz) {
        Validations.of(instance).acknowledge({ id: 'AwsSolutions-RDS3', reason: `Single-AZ outside production (${settings.environment}); production runs Multi-AZ.` });
      }
      this.resource = instance;
      this.secret = instance.secret ?? missingSecret();
    } else {
      const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 });
      const cluster = new rds.DatabaseCluster(this, 'cluster', {
        ...common,
        engine,
        defaultDatabaseName: DATABASE_NAME,
        backup: { retention: Duration.days(settings.database.backupRetentionDays) },
        writer: rds.ClusterInstance.serverlessV2('writer', { enablePerformanceInsights: true, performanceInsightEncryptionKey: key }),
        readers: settings.database.multiAz ? [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })] : [],
        serverlessV2MinCapacity: settings.database.minAcu,
        serverlessV2MaxCapacity: settings.database.maxAcu,
        storageEncrypted: true,
        parameterGroup: new rds.ParameterGroup(this, 'parameters', { engine, parameters: { 'rds.force_ssl': '1' } }),
      });
      Validations.of(cluster).acknowledge({
        id: 'AwsSolutions-RDS6',
        reason: 'Functions authenticate with Secrets Manager credentials that rotate every 30 days; IAM database tokens are not used.',
      });
      this.resource = cluster;
      this.secret = cluster.secret ?? missingSecret();
    }
    if (!settings.deletionProtection) {
      Validations.of(this.resource).acknowledge({
        id: 'AwsSolutions-RDS10',
        reason: `Deletion protection is on in production; ${settings.environment} stacks may be torn down (staging keeps a final snapshot).`,
      });
    }
    Validations.of(this.resource).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason: 'The database is reachable only from the functions\' security group in private subnets; a non-default port adds no protection there.',
    });
    // A retained database without its credentials would be locked: the secret lives as long as the data.
    // (`secret` is the attachment; the generated secret itself is the resource's `Secret` child.)
    for (const child of this.resource.node.children) {
      if (child instanceof secretsmanager.Secret) child.applyRemovalPolicy(settings.removal.durable);
    }
    this.secret.addRotationSchedule('rotation', {
      automaticallyAfter: Duration.days(ROTATION_DAYS),
      hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({
        functionName: `${settings.prefix}-postgres-rotation`,
        vpc: network.vpc,
        vpcSubnets: network.subnets,
        securityGroups: [network.functions],
      }),
    });
  }
}

function missingSecret(): never {
  throw new Error('RDS did not create a credentials secret');
}
