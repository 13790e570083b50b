import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';

/** Read exactly these secrets, and decrypt with their key only through Secrets Manager. */
export function secretReadStatements(scope: IConstruct, key: kms.IKey, secrets: readonly secretsmanager.ISecret[]): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'ReadSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secrets.map((s) => s.secretArn) }),
    new iam.PolicyStatement({
      sid: 'DecryptSecrets',
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(scope).region}.amazonaws.com` } },
    }),
  ];
}
