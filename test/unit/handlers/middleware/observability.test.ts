import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DependencyUnavailableError } from '../../../../lib/errors/dependencyOutage.js';
import { httpApi, httpRoute, json, jsonRequestBody } from '../../../../lib/handlers/index.js';
import { processPlatformMetrics } from '../../../../lib/observability/metrics.js';
import { httpEvent } from './httpEvents.js';

/** The platform counters of `fn` as the registry holds them now. */
async function countsOf(fn: string): Promise<{ invocations: number; errors: number }> {
  const { invocations, errors } = processPlatformMetrics();
  const valueOf = async (metric: typeof invocations) => (await metric.get()).values.find((v) => v.labels.function === fn)?.value ?? 0;
  return { invocations: await valueOf(invocations), errors: await valueOf(errors) };
}

describe('observability, on Lambda, behind the other middlewares', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'syntor-test-coordination-api');
    vi.stubEnv('SYNTOR_AGENT', 'coordination');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const context = { functionName: 'syntor-test-coordination-api', awsRequestId: 'req-1' } as Context;
  const handler = httpApi({
    routes: [
      { method: 'POST', path: '/tasks', handler: httpRoute(async () => json(201, {})).use(jsonRequestBody({ limitBytes: 10 })) },
      {
        method: 'GET',
        path: '/agents',
        handler: async () => {
          throw new DependencyUnavailableError('redis');
        },
      },
      {
        method: 'GET',
        path: '/dlq',
        handler: async () => {
          throw new TypeError('a bug');
        },
      },
    ],
  });

  it.each([
    ['a created task', 'coordination-api-201', httpEvent('POST /tasks', '/tasks', { body: '{}' }), 0],
    ['a body a route middleware refused (413)', 'coordination-api-413', httpEvent('POST /tasks', '/tasks', { body: '"too large, far"' }), 0],
    ['an outage answered 503', 'coordination-api-503', httpEvent('GET /agents', '/agents'), 1],
    ['a bug that failed the invocation', 'coordination-api-500', httpEvent('GET /dlq', '/dlq'), 1],
  ])('records %s once, as an error only when it failed', async (_, fn, event, errors) => {
    // Prepare
    vi.stubEnv('SYNTOR_FUNCTION', fn);

    // Act
    await handler(event, context).catch(() => undefined);

    // Assess
    expect(await countsOf(fn)).toEqual({ invocations: 1, errors });
  });
});
