import { Fn, Validations } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DeploymentSettings } from '../config/types.js';
import type { SyntorNetwork } from '../stacks/NetworkStack.js';
import { PORTS } from './constants.js';

export interface CacheProps {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  /** Encrypts the cache at rest and its AUTH token secret. */
  readonly key: kms.IKey;
}

/**
 * ElastiCache for Valkey (default) or Redis: TLS in transit, encrypted at rest with the data key, an
 * AUTH token kept in Secrets Manager; a replica with automatic failover where the environment asks.
 */
export class Cache extends Construct {
  readonly authSecret: secretsmanager.Secret;
  /** `host:port` of the primary endpoint, as `SYNTOR_REDIS_ADDRESS` expects. */
  readonly address: string;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const { settings, network, key } = props;
    this.authSecret = new secretsmanager.Secret(this, 'auth-token', {
      secretName: `${settings.prefix}/redis-auth`,
      description: 'SYNTOR Redis/Valkey AUTH token',
      encryptionKey: key,
      removalPolicy: settings.removal.durable,
      // ElastiCache tokens: 16–128 printable characters, none of @ " / (so no punctuation at all).
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'token', passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.authSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'ElastiCache AUTH tokens rotate with ModifyReplicationGroup (AuthTokenUpdateStrategy ROTATE); Secrets Manager has no hosted rotation for them. Rotate by updating the secret and redeploying.',
    });
    const subnets = new elasticache.CfnSubnetGroup(this, 'subnets', {
      description: 'SYNTOR cache subnets',
      subnetIds: network.vpc.selectSubnets(network.subnets).subnetIds,
    });
    const replicated = settings.cache.replicas > 0;
    const group = new elasticache.CfnReplicationGroup(this, 'replication-group', {
      replicationGroupDescription: `SYNTOR ${settings.environment} liveness, in-flight counters, idempotency`,
      engine: settings.cache.engine,
      engineVersion: settings.cache.engine === 'valkey' ? '8.0' : '7.1',
      cacheNodeType: settings.cache.nodeType,
      numCacheClusters: 1 + settings.cache.replicas,
      automaticFailoverEnabled: replicated,
      multiAzEnabled: replicated,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [network.cache.securityGroupId],
      port: PORTS.redis,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      kmsKeyId: key.keyArn,
      authToken: this.authSecret.secretValueFromJson('token').unsafeUnwrap(),
      snapshotRetentionLimit: settings.environment === 'production' ? 7 : 0,
    });
    group.applyRemovalPolicy(settings.removal.durable);
    if (!replicated) {
      Validations.of(group).acknowledge({
        id: 'AwsSolutions-AEC4',
        reason: `One node outside production (${settings.environment}): Redis holds only disposable state (liveness, counters, idempotency keys); production has a replica and failover.`,
      });
    }
    Validations.of(group).acknowledge({
      id: 'AwsSolutions-AEC5',
      reason: 'Reachable only from the functions\' security group in private subnets; a non-default port adds no protection there.',
    });
    this.address = Fn.join(':', [group.attrPrimaryEndPointAddress, group.attrPrimaryEndPointPort]);
  }
}
