import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The AWS SDK clients SYNTOR calls only on AWS, once per cold start. They are imported on first use
 * and left out of the Lambda bundles (`RUNTIME_PROVIDED_MODULES` in lib/bundling/constants.ts):
 * Lambda's Node.js 22 runtime ships them, and a function that runs locally never loads them.
 *
 * @example
 * const client = await createKafkaClient(regionOfArn(clusterArn));
 */
export async function createKafkaClient(region: string): Promise<KafkaClient> {
  const { KafkaClient: Client } = await import('@aws-sdk/client-kafka');
  return new Client({ region });
}

/** A Secrets Manager client for the function's region, imported on first use (see {@link createKafkaClient}). */
export async function createSecretsManagerClient(): Promise<SecretsManagerClient> {
  const { SecretsManagerClient: Client } = await import('@aws-sdk/client-secrets-manager');
  return new Client({});
}
