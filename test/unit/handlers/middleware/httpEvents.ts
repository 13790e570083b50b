import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An HTTP API v2 event as API Gateway delivers it for `routeKey` on `path` (no authoriser: the harness's caller). */
export function httpEvent(routeKey: string, path: string, options: { body?: string; isBase64Encoded?: boolean; pathParameters?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  const [method] = routeKey.split(' ') as [string];
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method, path }, routeKey },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
    isBase64Encoded: options.isBase64Encoded ?? false,
  } as unknown as APIGatewayProxyEventV2;
}
