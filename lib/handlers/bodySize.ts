import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from './http.js';

/** The bytes of a request body as sent (a base64-encoded body counts decoded). */
function bodyBytes(event: APIGatewayProxyEventV2): number {
  if (!event.body) return 0;
  return Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * A 413 naming the size and the limit when the request body is larger than `limitBytes`: checked
 * before the body is parsed, so an oversized request costs no JSON parse.
 *
 * @example
 * const size = checkBodySize(event, LIMITS.submissionBodyBytes);
 * if (!size.ok) return size.response;
 */
export function checkBodySize(event: APIGatewayProxyEventV2, limitBytes: number): { ok: true } | { ok: false; response: APIGatewayProxyStructuredResultV2 } {
  const bytes = bodyBytes(event);
  if (bytes <= limitBytes) return { ok: true };
  return { ok: false, response: json(413, { message: `The request body is ${bytes} bytes; the limit is ${limitBytes} bytes`, limitBytes }) };
}
