import type { RequestHeaders } from './types.js';

/**
 * Request headers as the 2.0 event carries them: names lower-cased, "duplicate headers are combined with
 * commas", and the `cookie` header taken out into `cookies`, one entry per cookie
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export function collectHeaders(input: RequestHeaders): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [rawName, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    const values = typeof value === 'string' ? [value] : [...value];
    if (name === 'cookie') {
      cookies.push(...values.flatMap((line) => line.split(';')).map((cookie) => cookie.trim()).filter((cookie) => cookie !== ''));
      continue;
    }
    headers[name] = headers[name] === undefined ? values.join(',') : [headers[name], ...values].join(',');
  }
  return { headers, cookies };
}
