import type { HttpGuardConfig } from './ssrfGuard.js';

export const HTTP_GUARD_ENV = {
  allowedHosts: 'SYNTOR_HTTP_ALLOWED_HOSTS',
  allowPrivate: 'SYNTOR_HTTP_ALLOW_PRIVATE',
} as const;

/**
 * The guard configuration of the default `http.request`, read from the environment each time it is
 * called: `SYNTOR_HTTP_ALLOWED_HOSTS` (comma list of hosts or `*.domain`; empty = any public host) and
 * `SYNTOR_HTTP_ALLOW_PRIVATE` (`true`, in any case, to allow private networks; anything else refuses them).
 */
export function httpGuardConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HttpGuardConfig {
  const allowedHosts = (env[HTTP_GUARD_ENV.allowedHosts] ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
  return {
    allowedHosts,
    allowPrivateNetworks: env[HTTP_GUARD_ENV.allowPrivate]?.trim().toLowerCase() === 'true',
    privateNetworksHint: `set ${HTTP_GUARD_ENV.allowPrivate}=true to allow private networks`,
  };
}
