import { RemovalPolicy } from 'aws-cdk-lib';
import type { SyntorEnvironment } from './types.js';

/** Per-environment defaults; every one can be overridden with `-c syntor:<key>=<value>`. */
export const ENVIRONMENT_DEFAULTS = {
  local: {
    natGateways: 1, topicPartitions: 3, maxPollers: 2, dbInstanceType: 't4g.micro', multiAz: false, minAcu: 0.5, maxAcu: 2,
    backupRetentionDays: 1, allocatedStorageGb: 20, cacheNodeType: 'cache.t4g.micro', cacheReplicas: 0, kafkaBrokers: 2,
    kafkaInstanceType: 'kafka.t3.small', logRetentionDays: 7, lagThreshold: 1_000,
    removal: { snapshotable: RemovalPolicy.DESTROY, durable: RemovalPolicy.DESTROY }, deletionProtection: false,
  },
  staging: {
    natGateways: 1, topicPartitions: 3, maxPollers: 2, dbInstanceType: 't4g.medium', multiAz: false, minAcu: 0.5, maxAcu: 4,
    backupRetentionDays: 7, allocatedStorageGb: 20, cacheNodeType: 'cache.t4g.small', cacheReplicas: 0, kafkaBrokers: 2,
    kafkaInstanceType: 'kafka.m7g.large', logRetentionDays: 30, lagThreshold: 1_000,
    removal: { snapshotable: RemovalPolicy.SNAPSHOT, durable: RemovalPolicy.RETAIN }, deletionProtection: false,
  },
  production: {
    natGateways: 2, topicPartitions: 6, maxPollers: 4, dbInstanceType: 'm7g.large', multiAz: true, minAcu: 1, maxAcu: 16,
    backupRetentionDays: 30, allocatedStorageGb: 100, cacheNodeType: 'cache.m7g.large', cacheReplicas: 1, kafkaBrokers: 2,
    kafkaInstanceType: 'kafka.m7g.large', logRetentionDays: 90, lagThreshold: 10_000,
    removal: { snapshotable: RemovalPolicy.RETAIN, durable: RemovalPolicy.RETAIN }, deletionProtection: true,
  },
} as const satisfies Record<SyntorEnvironment, unknown>;

/** Values CloudWatch Logs accepts for a retention period. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Context keys the app reads (`environment` is also accepted without the prefix). */
export const CONTEXT_KEYS = {
  environment: 'syntor:environment',
  kafka: 'syntor:kafka',
  kafkaBrokers: 'syntor:kafkaBrokers',
  kafkaInstanceType: 'syntor:kafkaInstanceType',
  kafkaVersion: 'syntor:kafkaVersion',
  kafkaBootstrapServers: 'syntor:kafkaBootstrapServers',
  kafkaAuth: 'syntor:kafkaAuth',
  kafkaSecretArn: 'syntor:kafkaSecretArn',
  kafkaSubnetIds: 'syntor:kafkaSubnetIds',
  kafkaSecurityGroupId: 'syntor:kafkaSecurityGroupId',
  kafkaReplicationFactor: 'syntor:kafkaReplicationFactor',
  topicPartitions: 'syntor:topicPartitions',
  kafkaPollers: 'syntor:kafkaPollers',
  minPollers: 'syntor:minPollers',
  maxPollers: 'syntor:maxPollers',
  database: 'syntor:database',
  dbInstanceType: 'syntor:dbInstanceType',
  auroraMinAcu: 'syntor:auroraMinAcu',
  auroraMaxAcu: 'syntor:auroraMaxAcu',
  cacheEngine: 'syntor:cacheEngine',
  cacheNodeType: 'syntor:cacheNodeType',
  httpAuth: 'syntor:httpAuth',
  jwtIssuer: 'syntor:jwtIssuer',
  jwtAudience: 'syntor:jwtAudience',
  apiAdminPrincipals: 'syntor:apiAdminPrincipals',
  alarmEmail: 'syntor:alarmEmail',
  lagAlarmThreshold: 'syntor:lagAlarmThreshold',
  natGateways: 'syntor:natGateways',
  logRetentionDays: 'syntor:logRetentionDays',
  gitTokenSecretArn: 'syntor:gitTokenSecretArn',
  gitTokenHosts: 'syntor:gitTokenHosts',
  gitCredentialsSecretArn: 'syntor:gitCredentialsSecretArn',
  bedrockModelId: 'syntor:bedrockModelId',
  tracing: 'syntor:tracing',
} as const;
