import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import type { DeploymentSettings } from '../config/types.js';
import type { SyntorNetwork } from '../stacks/NetworkStack.js';

export interface MskClusterProps {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  /** Encrypts a provisioned cluster's broker volumes (serverless clusters use AWS-owned keys). */
  readonly key: kms.IKey;
}

/**
 * The Kafka cluster: MSK Serverless (the default) or a provisioned cluster (`-c syntor:kafka=provisioned`),
 * both with IAM access control only and TLS between clients and brokers.
 */
export class MskCluster extends Construct {
  readonly clusterArn: string;
  readonly clusterName: string;

  constructor(scope: Construct, id: string, props: MskClusterProps) {
    super(scope, id);
    const { settings, network } = props;
    this.clusterName = `${settings.prefix}-kafka`;
    const subnetIds = network.vpc.selectSubnets(network.subnets).subnetIds;
    const iamOnly = { sasl: { iam: { enabled: true } } };
    let cluster: msk.CfnServerlessCluster | msk.CfnCluster;
    if (settings.kafka.mode === 'serverless') {
      cluster = new msk.CfnServerlessCluster(this, 'cluster', {
        clusterName: this.clusterName,
        clientAuthentication: iamOnly,
        vpcConfigs: [{ subnetIds, securityGroups: [network.kafka.securityGroupId] }],
      });
    } else {
      const brokerLogs = new logs.LogGroup(this, 'broker-logs', {
        retention: settings.logRetentionDays as logs.RetentionDays,
        removalPolicy: settings.removal.durable,
      });
      cluster = new msk.CfnCluster(this, 'cluster', {
        clusterName: this.clusterName,
        kafkaVersion: settings.kafka.kafkaVersion,
        numberOfBrokerNodes: settings.kafka.brokers,
        brokerNodeGroupInfo: {
          instanceType: settings.kafka.brokerInstanceType,
          clientSubnets: subnetIds,
          securityGroups: [network.kafka.securityGroupId],
          storageInfo: { ebsStorageInfo: { volumeSize: 100 } },
        },
        clientAuthentication: { ...iamOnly, unauthenticated: { enabled: false } },
        encryptionInfo: {
          encryptionAtRest: { dataVolumeKmsKeyId: props.key.keyArn },
          encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
        },
        // Topic-level metrics feed the dashboard's dead-letter rate; consumer lag comes at every level.
        enhancedMonitoring: 'PER_TOPIC_PER_BROKER',
        loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: brokerLogs.logGroupName } } },
      });
    }
    cluster.applyRemovalPolicy(settings.removal.durable);
    this.clusterArn = cluster.ref;
  }
}
