import { normalizeHost } from './hostPolicy.js';
import type { Refusal } from './refusal.js';

/**
 * Refuses a request a web page on another origin made. A browser sends `Origin` on every cross-origin
 * request (and on every POST), so a form post or `fetch` from `http://evil.example` is refused here,
 * preflight `OPTIONS` included: no CORS allowance is ever given. A request without `Origin` (curl, a
 * server) passes. `Sec-Fetch-Site: cross-site` is refused too, for the requests that carry no `Origin`
 * (https://fetch.spec.whatwg.org/#origin-header, https://www.w3.org/TR/fetch-metadata/).
 *
 * @example
 * checkOrigin({ origin: 'http://localhost:8000' }, allowed); // undefined: the harness's own page
 * checkOrigin({ origin: 'http://evil.example' }, allowed); // 403 cross-origin-refused
 */
export function checkOrigin(
  headers: { readonly origin?: string | undefined; readonly 'sec-fetch-site'?: string | undefined },
  allowed: ReadonlySet<string>,
): Refusal | undefined {
  const { origin } = headers;
  if (origin !== undefined && !isOwnOrigin(origin, allowed)) {
    return refused(`Requests from the web page at "${origin}" are refused: this API answers only its own origin and clients that send no Origin.`);
  }
  if (headers['sec-fetch-site']?.trim().toLowerCase() === 'cross-site') {
    return refused('Cross-site requests (Sec-Fetch-Site: cross-site) are refused: this API does not serve other sites\' pages.');
  }
  return undefined;
}

function isOwnOrigin(origin: string, allowed: ReadonlySet<string>): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file:// page) included.
  }
  const host = normalizeHost(url.host);
  return url.protocol === 'http:' && url.origin === origin.toLowerCase() && host !== undefined && allowed.has(host);
}

function refused(message: string): Refusal {
  return { statusCode: 403, code: 'cross-origin-refused', message };
}
