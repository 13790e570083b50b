import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/** Secrets Manager appends six random characters to a secret's name in its complete ARN. */
const COMPLETE_ARN = /:secret:.+-[A-Za-z0-9]{6}$/;

/** A secret the deployment does not own, imported once per scope by its complete or partial ARN. */
export function importedSecret(scope: Construct, id: string, arn: string): secretsmanager.ISecret {
  const existing = scope.node.tryFindChild(id) as secretsmanager.ISecret | undefined;
  if (existing) return existing;
  return COMPLETE_ARN.test(arn) ? secretsmanager.Secret.fromSecretCompleteArn(scope, id, arn) : secretsmanager.Secret.fromSecretPartialArn(scope, id, arn);
}

/** The resource an IAM statement names for the secret: a partial ARN matches its suffix with `-??????`. */
export function secretResource(arn: string): string {
  return COMPLETE_ARN.test(arn) ? arn : `${arn}-??????`;
}
