import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { AwsSecretInvalidError, AwsSecretReadError } from './errors.js';

/** What RDS writes into a generated secret (`host`, `port` and `dbname` once attached to the instance). */
export const databaseSecretSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  host: z.string().min(1).optional(),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  dbname: z.string().min(1).optional(),
});

/** The ElastiCache AUTH token secret the data stack generates. */
export const cacheAuthSecretSchema = z.object({ token: z.string().min(16) });

export type DatabaseSecret = z.output<typeof databaseSecretSchema>;
export type CacheAuthSecret = z.output<typeof cacheAuthSecretSchema>;

/**
 * Reads a JSON secret and validates it. Problems name the missing or malformed keys, never the values.
 *
 * @example
 * const { username, password } = await readJsonSecret(client, arn, databaseSecretSchema);
 */
export async function readJsonSecret<S extends z.ZodType>(client: SecretsManagerClient, secretArn: string, schema: S): Promise<z.output<S>> {
  // Loaded on first use, from Lambda's runtime on AWS (see sdkClients.ts).
  const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  let text: string | undefined;
  try {
    text = (await client.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    throw new AwsSecretReadError(secretArn, { cause: error });
  }
  if (text === undefined) throw new AwsSecretInvalidError(secretArn, 'it has no SecretString (binary secrets are not supported)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AwsSecretInvalidError(secretArn, 'its value is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const keys = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new AwsSecretInvalidError(secretArn, keys);
  }
  return parsed.data;
}
