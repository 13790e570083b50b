import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpRequest, HttpRoute } from '../../../../local/harness/http/index.js';

type Invoke = (event: APIGatewayProxyEventV2) => Promise<unknown>;

/** A route whose function answers with `invoke` (by default, 200 and no body). */
export function route(method: string, path: string, invoke: Invoke = async () => ({ statusCode: 200 })): HttpRoute {
  return { method, path, functionId: `fn ${method} ${path}`, invoke };
}

/** A request as the server hands it to buildHttpEvent, with every field overridable. */
export function httpRequest(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'GET',
    rawPath: '/tasks/t1',
    rawQueryString: '',
    headers: { host: '127.0.0.1:3000', 'user-agent': 'vitest' },
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    route: route('GET', '/tasks/{id}'),
    pathParameters: { id: 't1' },
    time: new Date('2020-03-12T19:03:58.390Z'),
    requestId: 'JKJaXmPLvHcESHA=',
    ...overrides,
  };
}

/** An error named as the invoker names a function timeout. */
export function handlerTimeoutError(): Error {
  const error = new Error('tasks-get: Task timed out after 3.00 seconds');
  error.name = 'HandlerTimeoutError';
  return error;
}
