import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../../../lib/errors/dependencyOutage.js';
import { httpApi, httpRoute, json } from '../../../../lib/handlers/index.js';
import { httpEvent } from './httpEvents.js';

const context = { functionName: 'coordination-api', getRemainingTimeInMillis: () => 10_000 } as Context;
const bodyOf = (response: { body?: string }) => JSON.parse(response.body ?? '{}') as Record<string, unknown>;

describe('httpApi', () => {
  const handler = httpApi({
    routes: [
      { method: 'GET', path: '/tasks', handler: async () => json(200, { route: 'list' }) },
      { method: 'GET', path: '/tasks/{id}', handler: async (event: APIGatewayProxyEventV2) => json(200, { route: 'get', id: event.pathParameters?.id }) },
      {
        method: 'POST',
        path: '/tasks/{id}/cancel',
        handler: async () => {
          throw new Error('cancel failed', { cause: new DependencyUnavailableError('postgres') });
        },
      },
      {
        method: 'GET',
        path: '/agents',
        handler: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'name')");
        },
      },
    ],
  });

  it.each([
    ['GET /tasks', '/tasks', { route: 'list' }],
    ['GET /tasks/{id}', '/tasks/42', { route: 'get', id: '42' }],
    ['GET /tasks/{id}', '/tasks/42/', { route: 'get', id: '42' }],
  ])('sends %s on %s to its route', async (routeKey, path, body) => {
    const response = await handler(httpEvent(routeKey, path), context);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(body);
  });

  it('answers 404 naming the route key for a request no route matches', async () => {
    const response = await handler(httpEvent('DELETE /tasks/{id}', '/tasks/42'), context);

    expect(response).toEqual({ statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'No route DELETE /tasks/{id}' }) });
  });

  it('answers 503 with Retry-After for an outage in a route', async () => {
    const response = await handler(httpEvent('POST /tasks/{id}/cancel', '/tasks/42/cancel'), context);

    expect(response).toMatchObject({ statusCode: 503, headers: { 'retry-after': '5', 'content-type': 'application/json' } });
    expect(bodyOf(response)).toEqual({ message: 'PostgreSQL is unavailable; try again in 5 s', service: 'postgres', code: 'dependency-unavailable' });
  });

  it('fails the invocation for a bug, so the gateway answers 500', async () => {
    await expect(handler(httpEvent('GET /agents', '/agents'), context)).rejects.toThrow(TypeError);
  });

  it('runs the shared middlewares before the route is chosen, and lets them answer', async () => {
    // Prepare
    const seen: string[] = [];
    const guarded = httpApi({
      routes: [{ method: 'GET', path: '/tasks', handler: httpRoute(async () => json(200, {})) }],
      use: [{ before: ({ event }) => (seen.push(event.routeKey), event.routeKey === 'GET /tasks' ? json(403, { message: 'no' }) : undefined) }],
    });

    // Act
    const refused = await guarded(httpEvent('GET /tasks', '/tasks'), context);
    const unknown = await guarded(httpEvent('GET /nope', '/nope'), context);

    // Assess
    expect(refused.statusCode).toBe(403);
    expect(unknown.statusCode).toBe(404);
    expect(seen).toEqual(['GET /tasks', 'GET /nope']);
  });
});
