import type { Refusal } from './refusal.js';

/** What a request body may be unless the server is told otherwise: every SYNTOR route reads JSON. */
export const DEFAULT_BODY_CONTENT_TYPES = ['application/json'] as const;

/**
 * A refusal (415) for a request body whose media type is not one of `accepted` (parameters such as
 * `charset` are allowed). This is what keeps an HTML form or a `text/plain` `fetch` — requests a browser
 * sends to any site without asking — from creating anything; a request without a body passes.
 *
 * @example
 * checkBodyContentType('application/json; charset=utf-8', 12, ['application/json']); // undefined
 * checkBodyContentType('text/plain', 12, ['application/json']); // 415 unsupported-media-type
 */
export function checkBodyContentType(contentType: string | undefined, bodyBytes: number, accepted: readonly string[]): Refusal | undefined {
  if (bodyBytes === 0) return undefined;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (accepted.includes(mediaType)) return undefined;
  return {
    statusCode: 415,
    code: 'unsupported-media-type',
    message: `A request body of ${contentType === undefined ? 'no content type' : `content type "${contentType}"`} is not accepted; send ${accepted.map((t) => `"${t}"`).join(' or ')}.`,
  };
}
