import { isSensitiveHeader } from './redactHeaders.js';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const BODY_HEADERS = new Set(['content-type', 'content-encoding', 'content-language', 'content-location']);

/**
 * The request a redirect asks for, as the Fetch standard makes it: 303 (except for HEAD), and 301/302
 * after a POST, become a GET without a body; 307 and 308 repeat the method and body. Credentials
 * (Authorization, Cookie, API keys…) are not sent on to another origin.
 */
export function followRedirect(previous: HopRequest, status: number, location: string): HopRequest {
  const url = new URL(location, previous.url);
  const toGet = (status === 303 && previous.method !== 'HEAD') || ((status === 301 || status === 302) && previous.method === 'POST');
  const crossOrigin = url.origin !== previous.url.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(previous.headers)) {
    if (toGet && BODY_HEADERS.has(name)) continue;
    if (crossOrigin && isSensitiveHeader(name)) continue;
    headers[name] = value;
  }
  if (toGet) return { url, method: 'GET', headers };
  return previous.body === undefined ? { url, method: previous.method, headers } : { url, method: previous.method, headers, body: previous.body };
}
