import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchRoute } from '../../../lib/triggers/index.js';
import { buildHttpEvent } from './buildHttpEvent.js';
import { checkBodyContentType } from './contentTypePolicy.js';
import { gatewayResponse } from './gatewayResponse.js';
import { consoleAsset } from '../../console/consoleResponse.js';
import { guardRequest, type RequestPolicy } from './guardRequest.js';
import { invokeWithin, type InvokeOutcome } from './invokeWithin.js';
import { lambdaPayloadBytes } from './lambdaPayloadBytes.js';
import { newRequestId } from './newRequestId.js';
import { readLambdaResult } from './readLambdaResult.js';
import { readRequestBody } from './readRequestBody.js';
import { refusalResponse, type Refusal } from './refusal.js';
import { splitRequestTarget } from './splitRequestTarget.js';
import type { HttpResponse, HttpRoute, StartHttpServerOptions } from './types.js';

export interface RequestHandlerOptions {
  readonly routes: readonly HttpRoute[];
  readonly log: (line: string) => void;
  readonly integrationTimeoutMs: number;
  readonly maxPayloadBytes: number;
  /** Lambda's synchronous payload quotas: the event JSON and the serialised result. */
  readonly maxEventBytes: number;
  readonly maxResultBytes: number;
  /** Takes a throttling token for a request to the route; `false` when the route is over its limits. */
  readonly admit: (route: HttpRoute) => boolean;
  readonly policy: RequestPolicy;
  readonly console?: StartHttpServerOptions['console'];
}

/**
 * Serves one request the way an HTTP API in front of Lambda does, once the request passes the local
 * guard (421 for a foreign Host, 403 for another origin's page, 401 without the token, 415 for a body
 * that is not JSON — a web page must not be able to drive this API): 413 past the payload quota, 404
 * `{"message":"Not Found"}` without a route, 429 `{"message":"Too Many Requests"}` past the route's
 * throttling, 413 for an event over Lambda's 6 MB request quota (not invoked), the function's response
 * mapped by payload format 2.0, 500 when the function fails (a function timeout included: Lambda reports
 * it as a failure) or returns more than Lambda's 6 MB response quota, 503 when the integration timeout
 * passes first. Never throws: a broken request or response ends as a 500 or a closed
 * socket, never a crashed server.
 */
export function createRequestHandler(options: RequestHandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    serve(options, request, response).catch((error: unknown) => {
      options.log(`http: ${request.method} ${request.url} failed: ${describe(error)}`);
      try {
        if (!response.headersSent) return void send(response, gatewayResponse('internalError'), newRequestId());
      } catch {
        // The connection is beyond answering; closing it is all that is left.
      }
      response.destroy();
    });
  };
}

async function serve(options: RequestHandlerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = Date.now();
  const requestId = newRequestId();
  const method = request.method ?? 'GET';
  const { rawPath, rawQueryString } = splitRequestTarget(request.url ?? '/');
  const finish = (result: HttpResponse, functionId = '-', note = '') => {
    const statusCode = send(response, result, requestId);
    options.log(`http: ${method} ${rawPath} -> ${statusCode} ${functionId} ${Date.now() - started} ms${note}`);
  };

  const refuse = (refusal: Refusal) => finish(refusalResponse(refusal), '-', ` (${refusal.code})`);
  if (options.console && (method === 'GET' || method === 'HEAD') && !matchRoute(options.routes, method, rawPath)) {
    const asset = consoleAsset(options.console.assets, rawPath);
    if (asset) {
      request.resume();
      const refused = guardRequest(request.headers, { ...options.policy, apiToken: undefined });
      return refused ? refuse(refused) : finish(asset, 'console');
    }
  }
  const refusal = guardRequest(request.headers, options.policy);
  if (refusal) {
    // Nobody is going to read it; drained, the connection can carry the next request.
    request.resume();
    return refuse(refusal);
  }
  const read = await readRequestBody(request, options.maxPayloadBytes);
  if ('tooLarge' in read) return finish(gatewayResponse('payloadTooLarge'));
  const unsupported = checkBodyContentType(request.headers['content-type'], read.body.length, options.policy.bodyContentTypes);
  if (unsupported) return refuse(unsupported);
  const match = matchRoute(options.routes, method, rawPath);
  if (!match && options.console && method === 'GET' && rawPath === '/console/triggers') {
    return finish({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ triggers: options.console.triggers() })), cookies: [] }, 'console');
  }
  if (!match) return finish(gatewayResponse('notFound'));
  const { functionId } = match.route;
  if (!options.admit(match.route)) return finish(gatewayResponse('tooManyRequests'), functionId, ' (throttled: over the stage rate and burst limits)');

  const event = buildHttpEvent({
    method,
    rawPath,
    rawQueryString,
    headers: request.headersDistinct,
    body: read.body,
    sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '',
    route: match.route,
    pathParameters: match.pathParameters,
    protocol: `HTTP/${request.httpVersion}`,
    time: new Date(started),
    requestId,
  });
  const eventBytes = lambdaPayloadBytes(event);
  if (eventBytes > options.maxEventBytes) {
    return finish(gatewayResponse('payloadTooLarge'), functionId, ` (not invoked: event of ${eventBytes} bytes over Lambda's ${options.maxEventBytes}-byte request payload limit)`);
  }
  const outcome = await invokeWithin(match.route, event, options.integrationTimeoutMs);
  const [result, note] = respond(outcome, options);
  finish(result, functionId, note);
}

function respond(outcome: InvokeOutcome, options: RequestHandlerOptions): [HttpResponse, string] {
  const timeoutMs = options.integrationTimeoutMs;
  switch (outcome.kind) {
    case 'timeout':
      return [gatewayResponse('serviceUnavailable'), ` (integration timeout after ${timeoutMs} ms)`];
    case 'error':
      return [gatewayResponse('internalError'), ` (${describe(outcome.error)})`];
    case 'result': {
      // Lambda refuses to return it (Function.ResponseSizeTooLarge): a function error, so a 500.
      const resultBytes = lambdaPayloadBytes(outcome.value);
      if (resultBytes > options.maxResultBytes) {
        return [gatewayResponse('internalError'), ` (response payload of ${resultBytes} bytes over Lambda's ${options.maxResultBytes}-byte limit)`];
      }
      try {
        return [readLambdaResult(outcome.value), ''];
      } catch (error) {
        return [gatewayResponse('internalError'), ` (${describe(error)})`];
      }
    }
  }
}

/** Writes the response; returns the status actually sent. */
function send(response: ServerResponse, result: HttpResponse, requestId: string): number {
  const head = (r: HttpResponse) => ({
    ...r.headers,
    ...(r.cookies.length > 0 ? { 'set-cookie': r.cookies } : {}),
    'content-length': String(r.body.length),
    'apigw-requestid': requestId,
  });
  try {
    response.writeHead(result.statusCode, head(result));
  } catch {
    // Header names or values Node refuses (a newline, say): API Gateway cannot pass them on either.
    const fallback = gatewayResponse('internalError');
    response.writeHead(fallback.statusCode, head(fallback)).end(fallback.body);
    return fallback.statusCode;
  }
  response.end(result.body);
  return result.statusCode;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
