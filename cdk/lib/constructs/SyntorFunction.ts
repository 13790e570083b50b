import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Bundle } from '../../../lib/bundling/types.js';
import type { DeploymentSettings } from '../config/types.js';
import type { SyntorNetwork } from '../stacks/NetworkStack.js';

export interface SyntorFunctionProps {
  /** The Lambda function's name, e.g. `syntor-staging-worker-execute`. */
  readonly functionName: string;
  readonly description?: string;
  /** The handler's bundle (see `bundleHandlers`). */
  readonly bundle: Bundle;
  /**
   * The handler module's export.
   * @default 'handler'
   */
  readonly handler?: string;
  /** @default 256 */
  readonly memoryMb?: number;
  /** @default 30 */
  readonly timeoutSeconds?: number;
  /**
   * Environment variables; the construct adds `NODE_EXTRA_CA_CERTS` so TLS to RDS verifies.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  readonly network: SyntorNetwork;
  readonly settings: DeploymentSettings;
  /**
   * What the function may do beyond logging, tracing and its network interfaces. Keep it to exact resources.
   * @default - nothing else
   */
  readonly statements?: readonly iam.PolicyStatement[];
  /**
   * Adds the ADOT JavaScript layer (`syntor:tracing=adot`). Its kafkajs instrumentation is turned off:
   * it would make one parent of every message in a batch; SYNTOR's producer keeps each message's own.
   * @default false
   */
  readonly adot?: boolean;
}

/**
 * A SYNTOR Lambda function with the runtime defaults baked in: Node.js 22 on arm64, X-Ray tracing,
 * JSON logs in its own log group with the environment's retention, private subnets, and a role that
 * holds exactly the given statements. The role is handed to Lambda read-only so that nothing else
 * (an event source, a grant) widens it behind the caller's back — in particular the AWS-managed
 * `AWSLambdaMSKExecutionRole` that `ManagedKafkaEventSource` would otherwise attach.
 *
 * @example
 * new SyntorFunction(this, 'worker-execute', { functionName, bundle, network, settings, statements });
 */
export class SyntorFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly bundle: Bundle;
  readonly functionName: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;

  constructor(scope: Construct, id: string, props: SyntorFunctionProps) {
    super(scope, id);
    this.bundle = props.bundle;
    this.functionName = props.functionName;
    this.memoryMb = props.memoryMb ?? 256;
    this.timeoutSeconds = props.timeoutSeconds ?? 30;
    this.logGroup = new logs.LogGroup(this, 'logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.settings.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.settings.removal.durable,
    });
    this.role = new iam.Role(this, 'role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `SYNTOR ${props.functionName}: least privilege`,
    });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'Logs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.logGroup.logGroupArn],
    }));
    // Neither the ENI actions Lambda needs to attach a VPC function nor X-Ray's put actions support
    // resource-level permissions: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'VpcNetworkInterfaces',
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'],
      resources: ['*'],
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'Tracing', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));
    for (const statement of props.statements ?? []) this.role.addToPrincipalPolicy(statement);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only EC2 network-interface actions (VPC attachment, MSK pollers) and X-Ray put actions use "*": neither supports resource-level permissions.',
    });

    this.function = new lambda.Function(this, 'function', {
      functionName: props.functionName,
      description: props.description ?? props.functionName,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(props.bundle.directory),
      handler: `${props.bundle.module}.${props.handler ?? 'handler'}`,
      memorySize: this.memoryMb,
      timeout: Duration.seconds(this.timeoutSeconds),
      environment: {
        // Node 20+ runtimes no longer trust Amazon's CAs by default; RDS's certificates chain to them.
        NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
        ...(props.adot ? { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'kafkajs' } : {}),
        ...props.environment,
      },
      tracing: lambda.Tracing.ACTIVE,
      ...(props.adot
        ? {
            adotInstrumentation: {
              layerVersion: lambda.AdotLayerVersion.fromJavaScriptSdkLayerVersion(lambda.AdotLambdaLayerJavaScriptSdkVersion.LATEST),
              execWrapper: lambda.AdotLambdaExecWrapper.REGULAR_HANDLER,
            },
          }
        : {}),
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup: this.logGroup,
      role: this.role.withoutPolicyUpdates(),
      vpc: props.network.vpc,
      vpcSubnets: props.network.subnets,
      securityGroups: [props.network.functions],
    });
    // The read-only role hides the policy from Lambda's dependency tracking; a VPC function cannot be
    // created before its role may manage network interfaces.
    this.function.node.addDependency(this.role);
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime SYNTOR targets (issue #6) and bundles for (esbuild target node22); moving on is a deliberate upgrade.',
    });
  }
}
