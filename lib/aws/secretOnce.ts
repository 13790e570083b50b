import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { z } from 'zod';
import { createSecretsManagerClient } from './sdkClients.js';
import { readJsonSecret } from './secrets.js';

/** Creates the Secrets Manager client, once per process. */
export type SecretClientFactory = () => SecretsManagerClient | Promise<SecretsManagerClient>;

let secretClient: Promise<SecretsManagerClient> | undefined;
export const defaultSecretClient: SecretClientFactory = () => (secretClient ??= createSecretsManagerClient());

const pending = new Map<string, Promise<unknown>>();

/**
 * A JSON secret, read once per process (a Lambda instance) and validated; a failed read is
 * forgotten, so the next call tries again.
 */
export function readSecretOnce<S extends z.ZodType>(arn: string, schema: S, client: SecretClientFactory = defaultSecretClient): Promise<z.output<S>> {
  let read = pending.get(arn) as Promise<z.output<S>> | undefined;
  if (!read) {
    read = Promise.resolve(client()).then((secrets) => readJsonSecret(secrets, arn, schema));
    pending.set(arn, read);
    read.catch(() => pending.delete(arn));
  }
  return read;
}
