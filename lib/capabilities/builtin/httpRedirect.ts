export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const BODY_HEADERS = new Set(['content-type', 'content-encoding', 'content-language', 'content-location']);

// Fetch's CORS-safelisted request headers plus user-agent and content-encoding: they describe the
// request, never who sends it. A deny-list cannot know every custom credential header (X-Auth…).
export const CROSS_ORIGIN_HEADERS: ReadonlySet<string> = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'content-encoding', 'user-agent']);

/**
 * The request a redirect asks for, as the Fetch standard makes it: 303 (except for HEAD), and 301/302
 * after a POST, become a GET without a body; 307 and 308 repeat the method and body. On the same
 * origin the caller's headers go along; to another origin (scheme, host or port) only
 * {@link CROSS_ORIGIN_HEADERS}, so no credential, whatever its header's name, follows a redirect.
 */
export function followRedirect(previous: HopRequest, status: number, location: string): HopRequest {
  const url = new URL(location, previous.url);
  const toGet = (status === 303 && previous.method !== 'HEAD') || ((status === 301 || status === 302) && previous.method === 'POST');
  const crossOrigin = url.origin !== previous.url.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(previous.headers)) {
    if (toGet && BODY_HEADERS.has(name)) continue;
    if (crossOrigin && !CROSS_ORIGIN_HEADERS.has(name)) continue;
    headers[name] = value;
  }
  if (toGet) return { url, method: 'GET', headers };
  return previous.body === undefined ? { url, method: previous.method, headers } : { url, method: previous.method, headers, body: previous.body };
}
