import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../lib/config/index.js';
import { httpHandler } from '../../../lib/handlers/index.js';
import { createKafka, createProducer } from '../../../lib/kafka/index.js';
import { createRedis } from '../../../lib/store/index.js';
import { startHttpServer } from '../../../local/harness/http/index.js';
import { deadPort, failOnUncaught } from './support.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

failOnUncaught();
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

/** The POST /tasks handler as a fresh cold start would load it, its clients configured by `env`. */
async function coldStartSubmit(env: Record<string, string>): Promise<{ handler: Handler; close(): Promise<void> }> {
  Object.assign(process.env, env);
  vi.resetModules();
  const { handler } = (await import('../../../functions/coordination/submit.js')) as { handler: Handler };
  const { getDeps } = await import('../../../lib/orchestration/index.js');
  return { handler, close: async () => (await getDeps()).close() };
}

function postTasks(body: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /tasks',
    rawPath: '/tasks',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path: '/tasks' } },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

const submission = (idempotencyKey: string) => ({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'sum', values: [1, 2] }, idempotencyKey });
const bodyOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body!) as Record<string, unknown>;

describe('POST /tasks while a dependency is down', () => {
  it('answers 503 naming PostgreSQL, with Retry-After', async () => {
    // Prepare
    const { handler, close } = await coldStartSubmit({ SYNTOR_POSTGRES_PORT: String(await deadPort()) });

    // Act
    const response = await handler(postTasks(submission(randomUUID())), {} as Context);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '5', 'content-type': 'application/json' });
    expect(bodyOf(response)).toEqual({ message: 'PostgreSQL is unavailable; try again in 5 s', service: 'postgres', code: 'dependency-unavailable' });
    await close();
  });

  it('never loses or duplicates a task saved before Redis failed it: the retry with the key gets it (200)', async () => {
    // Prepare: round-robin routing asks Redis for its turn on every dispatch, after the task is committed
    const key = randomUUID();
    const down = await coldStartSubmit({ SYNTOR_REDIS_PORT: String(await deadPort()), SYNTOR_ROUTING_STRATEGY: 'round-robin' });

    // Act
    const first = await down.handler(postTasks(submission(key)), {} as Context);
    await down.close();
    process.env = { ...saved };
    const up = await coldStartSubmit({});
    const retry = await up.handler(postTasks(submission(key)), {} as Context);

    // Assess: a 503 naming Redis, or 201 once dispatch failures after the commit no longer fail the request
    if (first.statusCode === 503) expect(bodyOf(first)).toMatchObject({ service: 'redis', message: 'Redis is unavailable; try again in 5 s' });
    else expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(bodyOf(retry)).toMatchObject({ created: false, id: expect.any(String) });
    await up.close();
  });

  it('answers 503 naming Redis for a command that cannot reach it', async () => {
    // Prepare: the real ioredis error from a client whose server is not there
    const redis = createRedis({ ...loadConfig().redis, port: await deadPort() });
    const handler = httpHandler(async () => {
      await redis.incrby('routing:turn', 1);
      return { statusCode: 201 };
    });

    // Act
    const response = await handler(postTasks({}), {} as Context);

    // Assess
    expect(response).toMatchObject({ statusCode: 503, headers: { 'retry-after': '5' } });
    expect(bodyOf(response)).toEqual({ message: 'Redis is unavailable; try again in 5 s', service: 'redis', code: 'dependency-unavailable' });
    redis.disconnect();
  });

  it('answers 503 naming Kafka for a publish that cannot reach a broker', async () => {
    // Prepare: the real kafkajs error from a producer whose broker is not there
    const config = loadConfig({ ...process.env, SYNTOR_KAFKA_BROKERS: `127.0.0.1:${await deadPort()}` });
    const producer = createProducer(createKafka(config));
    const handler = httpHandler(async () => {
      await producer.sendRaw('syntor.tasks', [{ value: '{}' }]);
      return { statusCode: 201 };
    });

    // Act
    const response = await handler(postTasks({}), {} as Context);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(bodyOf(response)).toMatchObject({ service: 'kafka', message: 'Kafka is unavailable; try again in 5 s' });
    await producer.disconnect();
  }, 30_000);
});

describe('the harness HTTP server and a failing handler', () => {
  it('answers 500 as API Gateway does, without the error, and keeps serving', async () => {
    // Prepare
    let calls = 0;
    const server = await startHttpServer({
      port: 0,
      routes: [
        {
          method: 'POST',
          path: '/tasks',
          functionId: 'submit',
          invoke: async () => {
            calls += 1;
            if (calls === 1) throw new TypeError("Cannot read properties of undefined (reading 'id') at secret/path.ts:12");
            return { statusCode: 201, body: '{}' };
          },
        },
      ],
    });

    // Act
    const failed = await fetch(`http://127.0.0.1:${server.port}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const failedBody = await failed.text();
    const next = await fetch(`http://127.0.0.1:${server.port}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    // Assess
    expect(failed.status).toBe(500);
    expect(JSON.parse(failedBody)).toEqual({ message: 'Internal Server Error' });
    expect(next.status).toBe(201);
    await server.close();
  });
});
