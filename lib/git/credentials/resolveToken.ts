import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { createSecretsManagerClient } from '../../aws/sdkClients.js';
import { readJsonSecret } from '../../aws/secrets.js';
import { isHostAllowed } from '../../capabilities/builtin/ssrfGuard.js';
import { getConfig } from '../../config/index.js';

/** The Secrets Manager secret named by SYNTOR_GIT_TOKEN_SECRET_ARN: JSON with the token under `token`. */
export const gitTokenSecretSchema = z.object({ token: z.string().min(1) });

export interface GitCredentialSettings {
  token?: string;
  tokenSecretArn?: string;
  /** Hosts the configured token may be sent to; empty: any host the URL guard allows. */
  tokenHosts: readonly string[];
}

let secretClient: Promise<SecretsManagerClient> | undefined;
const secretTokens = new Map<string, Promise<string>>();

/**
 * The token for one remote: the request's own, else the configured one (SYNTOR_GIT_TOKEN, else the
 * secret SYNTOR_GIT_TOKEN_SECRET_ARN, read once per process) when `host` is one it may be sent to.
 * `undefined` means an anonymous transfer.
 */
export async function resolveToken(
  host: string,
  requested: string | undefined,
  settings: GitCredentialSettings = getConfig().git,
  client: () => SecretsManagerClient | Promise<SecretsManagerClient> = () => (secretClient ??= createSecretsManagerClient()),
): Promise<string | undefined> {
  if (requested !== undefined) return requested;
  if (!isHostAllowed(new URL(`http://${host}`).hostname, settings.tokenHosts)) return undefined;
  if (settings.token !== undefined) return settings.token;
  const arn = settings.tokenSecretArn;
  if (arn === undefined) return undefined;
  let pending = secretTokens.get(arn);
  if (!pending) {
    pending = Promise.resolve(client()).then((secrets) => readJsonSecret(secrets, arn, gitTokenSecretSchema)).then((secret) => secret.token);
    secretTokens.set(arn, pending);
    pending.catch(() => secretTokens.delete(arn));
  }
  return pending;
}
