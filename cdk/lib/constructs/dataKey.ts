import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { DeploymentSettings } from '../config/types.js';

/** A customer-managed key with yearly rotation, kept (outside `local`) as long as what it encrypts. */
export function dataKey(scope: Construct, id: string, settings: DeploymentSettings, description: string): kms.Key {
  return new kms.Key(scope, id, {
    alias: `alias/${settings.prefix}/${id}`,
    description,
    enableKeyRotation: true,
    removalPolicy: settings.removal.durable,
  });
}

/** Lets CloudWatch alarms publish to an SNS topic encrypted with `key`. */
export function allowCloudWatchAlarms(key: kms.Key): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
}
