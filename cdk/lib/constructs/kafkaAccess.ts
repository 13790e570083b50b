import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { AWS_ENV } from '../../../lib/aws/index.js';
import type { DeploymentSettings } from '../config/types.js';
import { secretResource } from './importedSecret.js';
import { mskArns } from './mskArns.js';

export interface KafkaAccessProps {
  readonly settings: DeploymentSettings;
  /** The MSK cluster's ARN; absent with a self-managed cluster. */
  readonly clusterArn?: string;
  /** Topics the function writes (its manifest's `produces`). */
  readonly produces: readonly string[];
  /** Topics its triggers read, and their consumer groups. */
  readonly consumes: readonly { readonly topic: string; readonly consumerGroupId: string }[];
}

/**
 * What a function's role may do with Kafka. On MSK: IAM access control, to exact topics and groups
 * (Kafka is not one trust domain: a worker cannot assign tasks). On a self-managed cluster IAM has
 * no say over topics: the role may only read the credentials secret (as the event source mapping
 * does with it), and topics are guarded by the producer's `produces` check and the cluster's own ACLs.
 */
export function kafkaAccessStatements(scope: IConstruct, props: KafkaAccessProps): iam.PolicyStatement[] {
  const selfManaged = props.settings.kafka.selfManaged;
  if (selfManaged) return [new iam.PolicyStatement({ sid: 'ReadKafkaSecret', actions: ['secretsmanager:GetSecretValue'], resources: [secretResource(selfManaged.secretArn)] })];
  const arns = mskArns(scope, props.clusterArn ?? '');
  return [
    new iam.PolicyStatement({
      sid: 'MskCluster',
      actions: ['kafka:DescribeCluster', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers', 'kafka-cluster:Connect', 'kafka-cluster:DescribeClusterDynamicConfiguration', 'kafka-cluster:WriteDataIdempotently'],
      resources: [arns.cluster],
    }),
    ...(props.produces.length === 0 ? [] : [new iam.PolicyStatement({ sid: 'Produce', actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'], resources: props.produces.map((t) => arns.topic(t)) })]),
    ...(props.consumes.length === 0
      ? []
      : [
          new iam.PolicyStatement({ sid: 'ConsumeTopics', actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], resources: [...new Set(props.consumes.map((k) => k.topic))].map((t) => arns.topic(t)) }),
          new iam.PolicyStatement({ sid: 'ConsumerGroups', actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'], resources: props.consumes.map((k) => arns.group(k.consumerGroupId)) }),
        ]),
  ];
}

/**
 * The variables `resolveConnections` reads to reach Kafka: the MSK cluster's ARN (brokers are looked
 * up, IAM signs in), or a self-managed cluster's brokers with its secret and how to use it.
 */
export function kafkaConnectionEnvironment(settings: DeploymentSettings, clusterArn: string | undefined): Record<string, string> {
  const selfManaged = settings.kafka.selfManaged;
  if (!selfManaged) return clusterArn === undefined ? {} : { [AWS_ENV.mskClusterArn]: clusterArn };
  return { SYNTOR_KAFKA_BROKERS: selfManaged.bootstrapServers.join(','), [AWS_ENV.kafkaSecretArn]: selfManaged.secretArn, [AWS_ENV.kafkaAuth]: selfManaged.auth };
}
