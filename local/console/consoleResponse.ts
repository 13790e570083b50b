import type { HttpResponse } from '../harness/http/types.js';
import type { ConsoleAssets } from './buildConsole.js';

/** The console's own page, script and stylesheet at `/` and `/console/…`, or undefined for any other path. */
export function consoleAsset(assets: ConsoleAssets, rawPath: string): HttpResponse | undefined {
  if (rawPath === '/' || rawPath === '/console') return { statusCode: 302, headers: { location: '/console/' }, body: Buffer.alloc(0), cookies: [] };
  const asset = assets.get(rawPath);
  if (!asset) return undefined;
  return {
    statusCode: 200,
    // Same origin only, no inline script, nothing from elsewhere: the page cannot be framed or fed.
    headers: { 'content-type': asset.contentType, 'cache-control': 'no-cache', 'content-security-policy': "default-src 'self'; frame-ancestors 'none'", 'x-content-type-options': 'nosniff' },
    body: asset.body,
    cookies: [],
  };
}
