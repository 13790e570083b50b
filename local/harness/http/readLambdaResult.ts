import { INFERRED_CONTENT_TYPE, STRUCTURED_DEFAULT_CONTENT_TYPE } from './constants.js';
import { HttpResponseInvalidError } from './errors.js';
import type { HttpResponse } from './types.js';

/**
 * Maps what a handler returned to the HTTP response, as payload format 2.0 does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.v2):
 * an object with `statusCode` is a structured response (`headers`, `body`, `isBase64Encoded`, `cookies`);
 * anything else is inferred as 200, `content-type: application/json`, with the function's response as the
 * body: a string as it is (the docs' "Hello from Lambda!" example), any other value as JSON. Lambda's
 * Node.js runtime sends `undefined` as `null`, so that becomes the body `null`.
 *
 * @throws HttpResponseInvalidError for a structured response API Gateway cannot map (it answers 500).
 */
export function readLambdaResult(result: unknown): HttpResponse {
  if (!isRecord(result) || !('statusCode' in result)) {
    return { statusCode: 200, headers: { 'content-type': INFERRED_CONTENT_TYPE }, body: Buffer.from(inferBody(result)), cookies: [] };
  }
  const statusCode = readStatusCode(result.statusCode);
  const headers = readHeaders(result.headers);
  // Observed, not documented: a structured response without content-type goes out as plain text
  // (https://github.com/fujiwara/ridge/pull/9, https://github.com/rackspace/sailplane/issues/138).
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = STRUCTURED_DEFAULT_CONTENT_TYPE;
  const body = readBody(result.body);
  return {
    statusCode,
    headers,
    body: result.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body),
    cookies: Array.isArray(result.cookies) ? result.cookies.filter((cookie): cookie is string => typeof cookie === 'string') : [],
  };
}

function inferBody(result: unknown): string {
  if (typeof result === 'string') return result;
  try {
    return JSON.stringify(result ?? null);
  } catch (error) {
    throw new HttpResponseInvalidError(`the result cannot be serialised as JSON (${(error as Error).message})`, { cause: error });
  }
}

function readStatusCode(value: unknown): number {
  const statusCode = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new HttpResponseInvalidError(`statusCode must be an integer from 100 to 599; got ${JSON.stringify(value)}`);
  }
  return statusCode;
}

function readHeaders(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new HttpResponseInvalidError(`headers must be an object of strings; got ${JSON.stringify(value)}`);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (header === undefined || header === null) continue;
    if (!['string', 'number', 'boolean'].includes(typeof header)) {
      throw new HttpResponseInvalidError(`header "${name}" must be a string; got ${JSON.stringify(header)}`);
    }
    headers[name] = String(header);
  }
  return headers;
}

function readBody(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new HttpResponseInvalidError(`body must be a string (JSON.stringify objects); got ${Array.isArray(value) ? 'an array' : typeof value}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
