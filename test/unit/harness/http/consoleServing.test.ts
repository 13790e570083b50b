import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../../../local/harness/http/index.js';
import { route } from './fixtures.js';

const assets = new Map([
  ['/console/', { contentType: 'text/html; charset=utf-8', body: Buffer.from('<!doctype html><title>console</title>') }],
  ['/console/app.js', { contentType: 'text/javascript; charset=utf-8', body: Buffer.from('export {};') }],
]);

describe('the console on the harness\'s HTTP port', () => {
  let server: HttpServer;
  let base: string;
  beforeAll(async () => {
    server = await startHttpServer({
      port: 0,
      apiToken: 'a-token-of-sixteen-chars',
      routes: [route('GET', '/tasks', async () => ({ statusCode: 200, body: '{"tasks":[]}' }))],
      console: { assets, triggers: () => [{ functionId: 'coordination-complete', state: 'running' }] },
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('serves its files without the token (they hold no data), under a strict content policy; / leads there', async () => {
    const page = await fetch(`${base}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>console</title>');
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
  });

  it('keeps the token for data: the API and the harness\'s trigger status', async () => {
    expect((await fetch(`${base}/tasks`)).status).toBe(401);
    expect((await fetch(`${base}/console/triggers`)).status).toBe(401);
    const triggers = await fetch(`${base}/console/triggers`, { headers: { authorization: 'Bearer a-token-of-sixteen-chars' } });
    expect(await triggers.json()).toEqual({ triggers: [{ functionId: 'coordination-complete', state: 'running' }] });
  });

  it('refuses another origin\'s page, files included; a file it does not have is no way past the token', async () => {
    expect((await fetch(`${base}/console/app.js`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(`${base}/console/app.js`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${base}/console/nothing-here.js`)).status).toBe(401);
  });
});
