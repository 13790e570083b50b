import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DEPENDENCY_NAMES, type Dependency, type DependencyUnavailableError } from '../errors/dependencyOutage.js';
import { jsonTextProblem } from './jsonTextProblem.js';

const DEPENDENCY_UNAVAILABLE_CODE: DependencyUnavailableError['code'] = 'dependency-unavailable';

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** The text of a request body (a base64-encoded body decoded). */
export function bodyText(event: APIGatewayProxyEventV2): string {
  return event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
}

/**
 * Why a request body cannot be read as JSON before parsing it, or `undefined`: no body, a NUL
 * character, or nesting deeper than 64 levels (checked on the text, so no parse or walk can
 * overflow the stack and end as a 500).
 */
export function bodyTextProblem(event: APIGatewayProxyEventV2): string | undefined {
  if (!event.body) return 'The request has no body; send a JSON object.';
  return jsonTextProblem(bodyText(event));
}

/** The 400 message for a body `JSON.parse` refused, with what it said. */
export const notJsonMessage = (parseError: string) => `The body is not valid JSON: ${parseError}`;

/**
 * The request body as JSON, or a 400 response saying why it is not (see `bodyTextProblem`, and
 * text that is not JSON).
 */
export function jsonBody(event: APIGatewayProxyEventV2): { ok: true; body: unknown } | { ok: false; response: APIGatewayProxyStructuredResultV2 } {
  const problem = bodyTextProblem(event);
  if (problem) return { ok: false, response: json(400, { message: problem }) };
  try {
    return { ok: true, body: JSON.parse(bodyText(event)) };
  } catch (error) {
    return { ok: false, response: json(400, { message: notJsonMessage((error as Error).message) }) };
  }
}

/**
 * 503 for a dependency that is down, with `Retry-After`: the client should try again, and with an
 * idempotency key a retry of a request whose first attempt got this far returns what it made.
 *
 * @example
 * serviceUnavailable('redis'); // 503 {"message":"Redis is unavailable; try again in 5 s","service":"redis","code":"dependency-unavailable"}
 */
export function serviceUnavailable(service: Dependency, retryAfterSeconds = 5): APIGatewayProxyStructuredResultV2 {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return {
    statusCode: 503,
    headers: { 'content-type': 'application/json', 'retry-after': String(seconds) },
    body: JSON.stringify({
      message: `${capitalized(DEPENDENCY_NAMES[service])} is unavailable; try again in ${seconds} s`,
      service,
      code: DEPENDENCY_UNAVAILABLE_CODE,
    }),
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
