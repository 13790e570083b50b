import type { IncomingHttpHeaders } from 'node:http';
import { checkBearerToken } from './bearerToken.js';
import { checkHost } from './hostPolicy.js';
import { checkOrigin } from './originPolicy.js';
import type { Refusal } from './refusal.js';

/** What the server asks of a request before any function sees it. */
export interface RequestPolicy {
  /** `name:port` values the Host header may have (see allowedHosts). */
  readonly allowedHosts: ReadonlySet<string>;
  /** When set, every request needs `Authorization: Bearer <apiToken>`. */
  readonly apiToken?: string;
  /** Media types a request body may have. */
  readonly bodyContentTypes: readonly string[];
}

/**
 * The first refusal a request's headers earn, in the order a client can fix them: a Host this server
 * does not answer (DNS rebinding), a page on another origin, a missing or wrong bearer token.
 * The body's content type is checked once the body is read (checkBodyContentType).
 */
export function guardRequest(headers: IncomingHttpHeaders, policy: RequestPolicy): Refusal | undefined {
  return (
    checkHost(headers.host, policy.allowedHosts) ??
    checkOrigin({ origin: headers.origin, 'sec-fetch-site': single(headers['sec-fetch-site']) }, policy.allowedHosts) ??
    (policy.apiToken === undefined ? undefined : checkBearerToken(headers.authorization, policy.apiToken))
  );
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);
