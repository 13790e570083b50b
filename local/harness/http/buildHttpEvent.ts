import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { compileRoute } from '../../../lib/triggers/index.js';
import { collectHeaders } from './collectHeaders.js';
import { LOCAL_API } from './constants.js';
import { formatRequestTime } from './formatRequestTime.js';
import { isTextContentType } from './isTextContentType.js';
import { newRequestId } from './newRequestId.js';
import { parseQueryString } from './parseQueryString.js';
import type { HttpRequest } from './types.js';

/**
 * The payload format 2.0 event an HTTP API sends to a Lambda integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * As in the real event, `cookies`, `queryStringParameters`, `pathParameters` and `body` are left out when
 * the request has none. `domainName` is the Host the client used, so links a handler builds work locally.
 *
 * @example
 * buildHttpEvent({ method: 'GET', rawPath: '/tasks/42', rawQueryString: 'a=1&a=2', headers: req.headersDistinct,
 *   body: Buffer.alloc(0), sourceIp: '127.0.0.1', route, pathParameters: { id: '42' } });
 * // { version: '2.0', routeKey: 'GET /tasks/{id}', queryStringParameters: { a: '1,2' }, pathParameters: { id: '42' }, … }
 */
export function buildHttpEvent(request: HttpRequest): APIGatewayProxyEventV2 {
  const time = request.time ?? new Date();
  const requestId = request.requestId ?? newRequestId();
  const { routeKey } = compileRoute(request.route);
  const { headers, cookies } = collectHeaders(request.headers);
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??= traceId(time);
  const domainName = headers.host ?? 'localhost';
  const queryStringParameters = parseQueryString(request.rawQueryString);
  const text = isTextContentType(headers['content-type']);
  const hasBody = request.body.length > 0;
  return {
    version: '2.0',
    routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: LOCAL_API.accountId,
      apiId: LOCAL_API.apiId,
      domainName,
      domainPrefix: domainPrefixOf(domainName),
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: request.protocol ?? 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: LOCAL_API.stage,
      time: formatRequestTime(time),
      timeEpoch: time.getTime(),
    },
    ...(Object.keys(request.pathParameters).length > 0 ? { pathParameters: { ...request.pathParameters } } : {}),
    ...(hasBody ? { body: request.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
}

/** `id` of `id.execute-api.us-east-1.amazonaws.com`; an IP address or bare host name stays whole. */
function domainPrefixOf(domainName: string): string {
  const hostname = domainName.replace(/:\d+$/, '');
  return /^[\d.]+$/.test(hostname) || hostname.startsWith('[') ? hostname : (hostname.split('.')[0] ?? hostname);
}

/** An X-Ray trace header, as API Gateway adds one: `Root=1-<epoch seconds in hex>-<24 hex digits>`. */
function traceId(time: Date): string {
  const seconds = Math.floor(time.getTime() / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
}
