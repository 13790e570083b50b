import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  AuthenticationMethod,
  ManagedKafkaEventSource,
  SelfManagedKafkaEventSource,
  type KafkaEventSourceProps,
} from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import type { DeploymentSettings, SelfManagedKafkaSettings } from '../config/types.js';
import type { SyntorNetwork } from '../stacks/NetworkStack.js';
import { CdkContextInvalidError } from '../errors.js';
import { importedSecret } from './importedSecret.js';

export interface KafkaEventSourceTarget {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  /** The MSK cluster's ARN; absent with a self-managed cluster. */
  readonly clusterArn?: string;
}

/**
 * The event source for one Kafka trigger, from the same batching, retry, filter and destination
 * props: an MSK one (IAM access) on the cluster SYNTOR created, or — with `syntor:kafka=self-managed`
 * — a self-managed one with the bootstrap servers, the SASL/SCRAM-512 or client-certificate secret
 * and the VPC placement of its pollers as its SourceAccessConfigurations.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kafka-configure.html
 *
 * @example
 * fn.addEventSource(kafkaEventSource(this, { settings, network, clusterArn }, { topic, startingPosition, batchSize }));
 */
export function kafkaEventSource(scope: Construct, target: KafkaEventSourceTarget, props: KafkaEventSourceProps): ManagedKafkaEventSource | SelfManagedKafkaEventSource {
  const selfManaged = target.settings.kafka.selfManaged;
  if (!selfManaged) {
    if (target.clusterArn === undefined) throw new CdkContextInvalidError(['an MSK event source needs the cluster SYNTOR creates; none was given']);
    return new ManagedKafkaEventSource({ ...props, clusterArn: target.clusterArn });
  }
  return new SelfManagedKafkaEventSource({
    ...props,
    bootstrapServers: [...selfManaged.bootstrapServers],
    authenticationMethod: selfManaged.auth === 'mtls' ? AuthenticationMethod.CLIENT_CERTIFICATE_TLS_AUTH : AuthenticationMethod.SASL_SCRAM_512_AUTH,
    secret: importedSecret(scope, 'kafka-secret', selfManaged.secretArn),
    vpc: target.network.vpc,
    vpcSubnets: pollerSubnets(scope, selfManaged, target.network),
    securityGroup: pollerSecurityGroup(scope, selfManaged, target.network),
  });
}

function pollerSubnets(scope: Construct, selfManaged: SelfManagedKafkaSettings, network: SyntorNetwork): ec2.SubnetSelection {
  if (!selfManaged.subnetIds) return network.subnets;
  return { subnets: selfManaged.subnetIds.map((id) => (scope.node.tryFindChild(`kafka-subnet-${id}`) as ec2.ISubnet | undefined) ?? ec2.Subnet.fromSubnetId(scope, `kafka-subnet-${id}`, id)) };
}

function pollerSecurityGroup(scope: Construct, selfManaged: SelfManagedKafkaSettings, network: SyntorNetwork): ec2.ISecurityGroup {
  if (!selfManaged.securityGroupId) return network.kafka;
  const id = 'kafka-pollers-sg';
  return (scope.node.tryFindChild(id) as ec2.ISecurityGroup | undefined) ?? ec2.SecurityGroup.fromSecurityGroupId(scope, id, selfManaged.securityGroupId, { mutable: false });
}
