import { CustomResource, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { SyntorFunction } from './SyntorFunction.js';
import type { DeploymentSettings } from '../config/types.js';

export interface ProvisioningResourceProps {
  /** The function that handles the resource's Create/Update/Delete (a Provider onEvent handler). */
  readonly handler: SyntorFunction;
  readonly settings: DeploymentSettings;
  /** Passed to the handler; a change re-runs it (CloudFormation hands every value over as a string). */
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * A custom resource whose handler is one of SYNTOR's own functions, run through the CDK Provider
 * framework (which answers CloudFormation even when the handler throws or times out).
 */
export class ProvisioningResource extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ProvisioningResourceProps) {
    super(scope, id);
    const provider = new cr.Provider(this, 'provider', {
      onEventHandler: props.handler.function,
      logGroup: new logs.LogGroup(this, 'provider-logs', {
        retention: props.settings.logRetentionDays as logs.RetentionDays,
        removalPolicy: props.settings.removal.durable,
      }),
    });
    for (const [rule, reason] of PROVIDER_FINDINGS) Validations.of(provider).acknowledge({ id: rule, reason });
    Validations.of(provider).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.handler.function)}.Arn>:*]`,
      reason: 'The Provider framework may invoke any version of this one handler function (lambda:InvokeFunction on <arn>:*), nothing else.',
    });
    this.resource = new CustomResource(this, 'resource', { serviceToken: provider.serviceToken, properties: { ...props.properties } });
  }
}

/** What cdk-nag reports on the CDK Provider framework's own function, which SYNTOR does not configure. */
const PROVIDER_FINDINGS: readonly (readonly [string, string])[] = [
  ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'The CDK Provider framework function only writes its own logs; its role is created by aws-cdk-lib.'],
];

function logicalIdOf(fn: lambda.Function): string {
  return Stack.of(fn).resolve((fn.node.defaultChild as lambda.CfnFunction).logicalId) as string;
}
