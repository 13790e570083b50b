import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../../../lib/errors/dependencyOutage.js';
import { dispatchAfter, httpApi, httpRoute, json, type DispatchAfterContext } from '../../../../lib/handlers/index.js';
import { httpEvent } from './httpEvents.js';

const context = {} as Context;

/** A cancel route that asks for dispatch `asks` times, and a dispatcher that counts its calls. */
function cancelRoute(asks: number, dispatch: () => Promise<unknown> = async () => undefined) {
  const order: string[] = [];
  const route = httpRoute(async (_event: APIGatewayProxyEventV2, ctx: DispatchAfterContext) => {
    order.push('write');
    for (let i = 0; i < asks; i += 1) ctx.dispatchAfter();
    return json(200, { cancelled: true });
  }).use(dispatchAfter({ dispatch: async () => (order.push('dispatch'), dispatch()) }));
  const handler = httpApi({ routes: [{ method: 'POST', path: '/tasks/{id}/cancel', handler: route }] });
  return { invoke: () => handler(httpEvent('POST /tasks/{id}/cancel', '/tasks/1/cancel'), context), order };
}

describe('dispatchAfter', () => {
  it.each([
    [0, ['write']],
    [1, ['write', 'dispatch']],
    [3, ['write', 'dispatch']],
  ])('asked %i times, dispatches after the handler at most once', async (asks, order) => {
    const run = cancelRoute(asks);

    const response = await run.invoke();

    expect(response.statusCode).toBe(200);
    expect(run.order).toEqual(order);
  });

  it('answers 503 when the dispatch meets an outage', async () => {
    const run = cancelRoute(1, async () => {
      throw new DependencyUnavailableError('redis');
    });

    const response = await run.invoke();

    expect(response).toMatchObject({ statusCode: 503, headers: { 'retry-after': '5' } });
  });
});
