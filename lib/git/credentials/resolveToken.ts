import { z } from 'zod';
import { hostMatchesPattern } from '../../capabilities/builtin/ssrfGuard.js';
import { getConfig, gitCredentialsSchema, type GitCredential } from '../../config/index.js';
import { GitCredentialError } from '../errors.js';
import { defaultSecretClient, readSecretOnce, type SecretClientFactory } from '../../aws/secretOnce.js';

/** The Secrets Manager secret named by SYNTOR_GIT_TOKEN_SECRET_ARN: JSON with the token under `token`. */
export const gitTokenSecretSchema = z.object({ token: z.string().min(1) });

export interface GitCredentialSettings {
  token?: string;
  tokenSecretArn?: string;
  /** Hosts the configured token may be sent to; empty: none (the config loader refuses a token without them). */
  tokenHosts: readonly string[];
  /** Named credentials, each for its own hosts. */
  credentials?: Readonly<Record<string, GitCredential>>;
  credentialsSecretArn?: string;
}

/**
 * What a caller asks to authenticate with: a token it holds itself (library callers only — task
 * payloads cannot carry one) or the name of a configured credential.
 */
export type RemoteAuth = string | RemoteAuthFields | undefined;

/** {@link RemoteAuth} as fields of an operation's input. */
export interface RemoteAuthFields {
  token?: string;
  credential?: string;
}

/** Whether `host` (`name[:port]`) is one of `patterns` (`github.com`, `*.example.com`); an empty list matches nothing. */
export function isTokenHost(host: string, patterns: readonly string[]): boolean {
  const hostname = new URL(`http://${host}`).hostname;
  return patterns.some((pattern) => hostMatchesPattern(hostname, pattern));
}

/**
 * The token for one remote, or `undefined` for an anonymous transfer: the caller's own token; else the
 * named credential, which must exist and be for `host` (a {@link GitCredentialError} otherwise); else
 * the configured token (SYNTOR_GIT_TOKEN, else the secret SYNTOR_GIT_TOKEN_SECRET_ARN, read once per
 * process) when `host` is one of SYNTOR_GIT_TOKEN_HOSTS. No token ever goes to a host not listed for it.
 */
export async function resolveToken(
  host: string,
  requested: RemoteAuth,
  settings: GitCredentialSettings = getConfig().git,
  client: SecretClientFactory = defaultSecretClient,
): Promise<string | undefined> {
  const asked = typeof requested === 'string' ? { token: requested } : (requested ?? {});
  if (asked.token !== undefined) return asked.token;
  if (asked.credential !== undefined) return namedCredentialToken(asked.credential, host, settings, client);
  if (!isTokenHost(host, settings.tokenHosts)) return undefined;
  if (settings.token !== undefined) return settings.token;
  if (settings.tokenSecretArn === undefined) return undefined;
  return (await readSecretOnce(settings.tokenSecretArn, gitTokenSecretSchema, client)).token;
}

async function namedCredentialToken(name: string, host: string, settings: GitCredentialSettings, client: SecretClientFactory): Promise<string> {
  const credential = Object.hasOwn(settings.credentials ?? {}, name)
    ? settings.credentials![name]
    : settings.credentialsSecretArn === undefined
      ? undefined
      : (await readSecretOnce(settings.credentialsSecretArn, gitCredentialsSchema, client))[name];
  if (!credential) throw new GitCredentialError(name, 'is not configured (SYNTOR_GIT_CREDENTIALS or SYNTOR_GIT_CREDENTIALS_SECRET_ARN)');
  if (!isTokenHost(host, credential.hosts)) throw new GitCredentialError(name, `is not for ${new URL(`http://${host}`).hostname}; it may be sent to ${credential.hosts.join(', ')} only`);
  return credential.token;
}
