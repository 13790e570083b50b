import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ALL_TOPICS } from '../../../lib/contracts/index.js';
import type { BundleCatalog } from '../bundling/types.js';
import type { DeploymentSettings } from '../config/types.js';
import { dataKey } from '../constructs/dataKey.js';
import { MskCluster } from '../constructs/MskCluster.js';
import { mskArns } from '../constructs/mskArns.js';
import { ProvisioningResource } from '../constructs/ProvisioningResource.js';
import { SyntorFunction } from '../constructs/SyntorFunction.js';
import { PROVISIONING_BUNDLES } from '../provisioning.js';
import type { SyntorNetwork } from './NetworkStack.js';

export interface MessagingStackProps extends StackProps {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  readonly bundles: BundleCatalog;
}

/** The MSK cluster and the nine SYNTOR topics, created (and grown, never shrunk or deleted) on deploy. */
export class MessagingStack extends Stack {
  readonly cluster: MskCluster;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const { settings, network } = props;
    this.cluster = new MskCluster(this, 'kafka', { settings, network, key: dataKey(this, 'kafka-key', settings, 'SYNTOR MSK broker storage') });
    const arns = mskArns(this, this.cluster.clusterArn);
    const handler = new SyntorFunction(this, 'topics-handler', {
      functionName: `${settings.prefix}-provision-topics`,
      description: 'Creates the SYNTOR topics on MSK (custom resource)',
      bundle: props.bundles.get(PROVISIONING_BUNDLES.topics.entry),
      memoryMb: 256,
      timeoutSeconds: 300,
      network,
      settings,
      statements: [
        new iam.PolicyStatement({ sid: 'BootstrapBrokers', actions: ['kafka:GetBootstrapBrokers'], resources: [arns.cluster] }),
        new iam.PolicyStatement({ sid: 'Connect', actions: ['kafka-cluster:Connect'], resources: [arns.cluster] }),
        new iam.PolicyStatement({
          sid: 'ManageTopics',
          actions: ['kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:AlterTopic'],
          resources: ALL_TOPICS.map((topic) => arns.topic(topic)),
        }),
      ],
    });
    const topics = new ProvisioningResource(this, 'topics', {
      handler,
      settings,
      properties: {
        ClusterArn: this.cluster.clusterArn,
        Topics: [...ALL_TOPICS],
        Partitions: settings.kafka.topicPartitions,
        ReplicationFactor: settings.kafka.replicationFactor,
      },
    });
    topics.node.addDependency(this.cluster);
  }
}
