import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ALL_TOPICS } from '../../../lib/contracts/index.js';
import type { BundleCatalog } from '../../../lib/bundling/types.js';
import type { DeploymentSettings } from '../config/types.js';
import { dataKey } from '../constructs/dataKey.js';
import { secretResource } from '../constructs/importedSecret.js';
import { MskCluster } from '../constructs/MskCluster.js';
import { mskArns } from '../constructs/mskArns.js';
import { ProvisioningResource } from '../constructs/ProvisioningResource.js';
import { SyntorFunction } from '../constructs/SyntorFunction.js';
import { PROVISIONING_BUNDLES } from '../../../lib/bundling/provisioning.js';
import type { SyntorNetwork } from './NetworkStack.js';

export interface MessagingStackProps extends StackProps {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  readonly bundles: BundleCatalog;
}

/**
 * The MSK cluster and the nine SYNTOR topics, created (and grown, never shrunk or deleted) on deploy.
 * With `syntor:kafka=self-managed` there is no cluster to create: only the topics, on the given brokers.
 */
export class MessagingStack extends Stack {
  /** Absent with a self-managed cluster. */
  readonly cluster: MskCluster | undefined;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const { settings, network } = props;
    const selfManaged = settings.kafka.selfManaged;
    this.cluster = selfManaged ? undefined : new MskCluster(this, 'kafka', { settings, network, key: dataKey(this, 'kafka-key', settings, 'SYNTOR MSK broker storage') });
    const handler = new SyntorFunction(this, 'topics-handler', {
      functionName: `${settings.prefix}-provision-topics`,
      description: `Creates the SYNTOR topics on ${selfManaged ? 'the self-managed Kafka cluster' : 'MSK'} (custom resource)`,
      bundle: props.bundles.get(PROVISIONING_BUNDLES.topics.entry),
      memoryMb: 256,
      timeoutSeconds: 300,
      network,
      settings,
      statements: this.cluster ? mskTopicStatements(this, this.cluster.clusterArn) : [new iam.PolicyStatement({ sid: 'ReadKafkaSecret', actions: ['secretsmanager:GetSecretValue'], resources: [secretResource(selfManaged!.secretArn)] })],
    });
    const topics = new ProvisioningResource(this, 'topics', {
      handler,
      settings,
      properties: {
        ...(selfManaged
          ? { BootstrapServers: selfManaged.bootstrapServers.join(','), SecretArn: selfManaged.secretArn, Auth: selfManaged.auth }
          : { ClusterArn: this.cluster!.clusterArn }),
        Topics: [...ALL_TOPICS],
        Partitions: settings.kafka.topicPartitions,
        ReplicationFactor: settings.kafka.replicationFactor,
      },
    });
    if (this.cluster) topics.node.addDependency(this.cluster);
  }
}

/** MSK IAM access to create and grow exactly the SYNTOR topics. */
function mskTopicStatements(scope: Construct, clusterArn: string): iam.PolicyStatement[] {
  const arns = mskArns(scope, clusterArn);
  return [
    new iam.PolicyStatement({ sid: 'BootstrapBrokers', actions: ['kafka:GetBootstrapBrokers'], resources: [arns.cluster] }),
    new iam.PolicyStatement({ sid: 'Connect', actions: ['kafka-cluster:Connect'], resources: [arns.cluster] }),
    new iam.PolicyStatement({
      sid: 'ManageTopics',
      actions: ['kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:AlterTopic'],
      resources: ALL_TOPICS.map((topic) => arns.topic(topic)),
    }),
  ];
}
