import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpRoute } from './types.js';

export type InvokeOutcome = { kind: 'result'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

/**
 * Invokes a route's function as an integration does: API Gateway stops waiting after the integration
 * timeout and answers the client, while the function runs on until its own timeout. A settle that comes
 * after the timeout is ignored.
 */
export function invokeWithin(route: HttpRoute, event: APIGatewayProxyEventV2, timeoutMs: number): Promise<InvokeOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    Promise.resolve()
      .then(() => route.invoke(event))
      .then(
        (value) => resolve({ kind: 'result', value }),
        (error: unknown) => resolve({ kind: 'error', error }),
      )
      .finally(() => clearTimeout(timer));
  });
}
