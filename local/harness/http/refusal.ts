import type { HttpResponse } from './types.js';

/** Why the harness turned a request away before any function saw it; `code` is stable, for clients to match. */
export interface Refusal {
  readonly statusCode: 400 | 401 | 403 | 415 | 421;
  readonly code: 'host-not-allowed' | 'cross-origin-refused' | 'token-required' | 'unsupported-media-type';
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The JSON response for a refusal: `{"message": "…", "code": "…"}`. */
export function refusalResponse(refusal: Refusal): HttpResponse {
  return {
    statusCode: refusal.statusCode,
    headers: { 'content-type': 'application/json', ...refusal.headers },
    body: Buffer.from(JSON.stringify({ message: refusal.message, code: refusal.code })),
    cookies: [],
  };
}
