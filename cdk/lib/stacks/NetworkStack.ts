import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DeploymentSettings } from '../config/types.js';
import { PORTS } from '../constructs/constants.js';

/** The VPC and the security groups every other stack places its resources in. */
export interface SyntorNetwork {
  readonly vpc: ec2.IVpc;
  /** Private subnets with NAT egress, for functions, brokers, the database and the cache. */
  readonly subnets: ec2.SubnetSelection;
  readonly functions: ec2.ISecurityGroup;
  readonly kafka: ec2.ISecurityGroup;
  readonly database: ec2.ISecurityGroup;
  readonly cache: ec2.ISecurityGroup;
}

export interface NetworkStackProps extends StackProps {
  readonly settings: DeploymentSettings;
}

/**
 * A VPC over two AZs (public subnets only hold the NAT gateways) with flow logs, and security groups
 * that let the functions reach MSK, PostgreSQL and Redis on their ports — and nothing else in.
 */
export class NetworkStack extends Stack {
  readonly network: SyntorNetwork;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const vpc = new ec2.Vpc(this, 'vpc', {
      maxAzs: settings.network.maxAzs,
      natGateways: settings.network.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
    });
    const flowLogs = new logs.LogGroup(this, 'flow-logs', {
      retention: settings.logRetentionDays as logs.RetentionDays,
      removalPolicy: settings.removal.durable,
    });
    vpc.addFlowLog('flow-log', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.REJECT });

    const group = (name: string, description: string) =>
      new ec2.SecurityGroup(this, `${name}-sg`, { vpc, description, allowAllOutbound: false });
    const functions = group('functions', 'SYNTOR Lambda functions: out to MSK, PostgreSQL, Redis and AWS APIs (HTTPS)');
    const kafka = group('kafka', 'SYNTOR MSK brokers and the Lambda event source mapping pollers');
    const database = group('database', 'SYNTOR PostgreSQL: in from the functions only');
    const cache = group('cache', 'SYNTOR Redis/Valkey: in from the functions only');

    functions.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(PORTS.https), 'AWS APIs (Secrets Manager, MSK, STS) through NAT');
    functions.connections.allowTo(kafka, ec2.Port.tcp(PORTS.kafkaIam), 'MSK IAM listener');
    functions.connections.allowTo(database, ec2.Port.tcp(PORTS.postgres), 'PostgreSQL');
    functions.connections.allowTo(cache, ec2.Port.tcp(PORTS.redis), 'Redis/Valkey');
    // Lambda's MSK pollers run with the cluster's own security group: it must reach itself and, for
    // Lambda and STS, AWS over HTTPS (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html).
    kafka.connections.allowInternally(ec2.Port.tcp(PORTS.kafkaIam), 'brokers and event source mapping pollers');
    kafka.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(PORTS.https), 'event source mapping pollers to Lambda and STS');
    // A self-managed cluster lives outside this VPC's security groups (peered, on premises, another
    // account): the functions and the pollers may reach its brokers' ports, and only those.
    const brokerPorts = new Set((settings.kafka.selfManaged?.bootstrapServers ?? []).map((server) => Number(server.split(':').pop())));
    for (const port of brokerPorts) {
      functions.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port), `self-managed Kafka brokers (:${port})`);
      kafka.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port), `event source mapping pollers to the self-managed brokers (:${port})`);
    }

    this.network = { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, functions, kafka, database, cache };
  }
}
