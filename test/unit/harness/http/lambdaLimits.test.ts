import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer, type StartHttpServerOptions } from '../../../../local/harness/http/index.js';
import { route } from './fixtures.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('startHttpServer: Lambda payload quotas and stage throttling', () => {
  let server: HttpServer | undefined;
  const log: string[] = [];
  let invoked = 0;

  async function serve(options: Partial<StartHttpServerOptions>): Promise<string> {
    server = await startHttpServer({
      port: 0,
      routes: [
        route('POST', '/echo', async (event) => {
          invoked += 1;
          return { bytes: (event.body ?? '').length };
        }),
        route('GET', '/big', async () => 'x'.repeat(2_000)),
        route('GET', '/tasks', async () => ({ statusCode: 200, body: '[]' })),
        route('GET', '/other', async () => ({ statusCode: 200 })),
      ],
      log: (line) => log.push(line),
      ...options,
    });
    return `http://127.0.0.1:${server.port}`;
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
    log.length = 0;
    invoked = 0;
  });

  it('refuses an event over the request quota with 413 "Request Entity Too Large", without invoking', async () => {
    const base = await serve({ maxEventBytes: 4_096 });

    const small = await fetch(`${base}/echo`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify('a'.repeat(100)) });
    const large = await fetch(`${base}/echo`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify('a'.repeat(4_096)) });

    expect(small.status).toBe(200);
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(invoked).toBe(1);
    expect(log.at(-1)).toMatch(/^http: POST \/echo -> 413 fn POST \/echo .*not invoked: event of \d+ bytes over Lambda's 4096-byte request payload limit/);
  });

  it('answers a result over the response quota with 500 "Internal Server Error" and logs the function and size', async () => {
    const base = await serve({ maxResultBytes: 2_001 });

    const response = await fetch(`${base}/big`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    // A string result is sent as JSON: 2,000 characters and two quotes.
    expect(log.at(-1)).toMatch(/^http: GET \/big -> 500 fn GET \/big .*response payload of 2002 bytes over Lambda's 2001-byte limit/);
  });

  it('throttles each route at the stage limits with 429 {"message":"Too Many Requests"}', async () => {
    const base = await serve({ throttle: { rateLimit: 1, burstLimit: 2 } });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${base}/tasks`)).status);
    const throttled = await fetch(`${base}/tasks`);
    const otherRoute = await fetch(`${base}/other`);

    expect(statuses).toEqual([200, 200, 429]);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect(otherRoute.status).toBe(200);
    expect(log.some((line) => line.startsWith('http: GET /tasks -> 429 fn GET /tasks ') && line.includes('throttled'))).toBe(true);
  });

  it('throttles nothing with throttle: false', async () => {
    const base = await serve({ throttle: false });

    const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await fetch(`${base}/tasks`)).status));

    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
