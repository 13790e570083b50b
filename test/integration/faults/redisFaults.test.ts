import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dependencyOutage } from '../../../lib/errors/dependencyOutage.js';
import { createRedis } from '../../../lib/store/index.js';
import { testConfig, uniqueName } from '../support/testConfig.js';
import { deadPort, failOnUncaught, until } from './support.js';

const config = testConfig();
let admin: Redis;
failOnUncaught();
// ioredis reports an 'error' event nobody listens to on the console instead of throwing it.
const consoleError = vi.spyOn(console, 'error');

beforeAll(() => {
  admin = createRedis(config.redis);
});
afterAll(() => admin.quit());
afterEach(() => {
  expect(consoleError.mock.calls.filter(([first]) => String(first).includes('[ioredis]'))).toEqual([]);
});

describe('Redis: the connection killed under the client', () => {
  it('reconnects by itself, with no unhandled error event', async () => {
    // Prepare
    const redis = createRedis(config.redis, { keyPrefix: `${uniqueName('faults')}:` });
    const name = uniqueName('faults-client');
    await redis.client('SETNAME', name);
    const id = await redis.client('ID');
    const statuses: string[] = [];
    redis.on('close', () => statuses.push('close'));

    // Act
    await admin.client('KILL', 'ID', String(id));
    await until('the client to notice', () => statuses.includes('close'), 5_000);
    await until('the client to reconnect', () => redis.status === 'ready');
    const reply = await redis.set('k', 'v');

    // Assess
    expect(reply).toBe('OK');
    expect(await redis.client('ID')).not.toBe(id);
    await redis.quit();
  });
});

describe('Redis: nothing listening', () => {
  it('rejects commands within seconds as a redis outage and keeps trying to connect', async () => {
    // Prepare
    const port = await deadPort();
    const redis = createRedis({ ...config.redis, port });
    const started = Date.now();

    // Act
    const error = await redis.get('k').then(
      () => undefined,
      (e: unknown) => e,
    );
    const tookMs = Date.now() - started;

    // Assess
    expect(dependencyOutage(error)).toBe('redis');
    expect(tookMs).toBeLessThan(3_000);
    expect(['connecting', 'reconnecting']).toContain(redis.status);
    redis.disconnect();
  });

  it('answers again once the server is there', async () => {
    // Prepare: a client whose first connection fails, as at a cold start during an outage
    const port = await deadPort();
    const redis = createRedis({ ...config.redis, port });
    await redis.get('k').catch(() => undefined);
    const forward = await import('node:net').then(({ createServer, connect }) =>
      createServer((socket) => {
        const upstream = connect(config.redis.port, config.redis.host);
        socket.pipe(upstream).pipe(socket);
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      }),
    );

    // Act: Redis "comes back" on that port
    await new Promise<void>((resolve) => forward.listen(port, '127.0.0.1', resolve));
    await until('the client to reconnect', () => redis.status === 'ready', 15_000);

    // Assess
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
    await new Promise((resolve) => forward.close(resolve));
  });
});
