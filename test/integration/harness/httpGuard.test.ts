import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { jsonBody } from '../../../lib/handlers/index.js';
import { HarnessApiExposedError } from '../../../local/harness/errors.js';
import { behaviours, callsOf } from '../../fixtures/agents/probe/handler.js';
import { probeAgent } from '../../fixtures/agents/probe/manifest.js';
import { disconnectProducers, resetHarnesses, runHarness, uniqueName } from './support.js';
import { testConfig } from '../support/testConfig.js';

afterEach(resetHarnesses);
afterAll(() => disconnectProducers());

const TOKEN = 'it-token-0123456789abcdef';

interface Sent {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A raw request, so a test can send any Host header (fetch always sends the URL's own). */
function send(port: number, { method = 'GET', path = '/tasks', headers = {}, body }: Sent): Promise<{ status: number; body: { message?: string; code?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as { message?: string }) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A task API in miniature: POST /tasks reads its body with jsonBody and answers 201, GET /tasks lists. */
async function startTaskApi(options: { apiToken?: string } = {}) {
  const fn = uniqueName('p');
  const agent = probeAgent(fn, [
    { name: 'submit', triggers: [{ type: 'http', method: 'POST', path: '/tasks' }] },
    { name: 'list', triggers: [{ type: 'http', method: 'GET', path: '/tasks' }] },
  ]);
  behaviours.set(`${fn}-submit`, (event) => {
    const body = jsonBody(event as Parameters<typeof jsonBody>[0]);
    return body.ok ? { statusCode: 201, body: JSON.stringify({ created: body.body }) } : body.response;
  });
  behaviours.set(`${fn}-list`, () => ({ tasks: [] }));
  const config = { ...testConfig(), ...(options.apiToken === undefined ? {} : { apiToken: options.apiToken }) };
  const harness = await runHarness(agent, { config, ports: { http: 0, metrics: false, health: false } });
  return { port: harness.ports.http!, submitted: () => callsOf(`${fn}-submit`).length, listed: () => callsOf(`${fn}-list`).length };
}

describe('the harness API and web pages', () => {
  it('refuses what a page on another site can send without asking, and creates nothing', async () => {
    // Prepare
    const api = await startTaskApi();
    const evil = { origin: 'http://evil.example' };

    // Act
    const plain = await send(api.port, { method: 'POST', headers: { ...evil, 'content-type': 'text/plain;charset=UTF-8' }, body: '{"type":"compute"}' });
    const form = await send(api.port, { method: 'POST', headers: { ...evil, 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=compute' });
    const plainSameOrigin = await send(api.port, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"type":"compute"}' });
    const preflight = await send(api.port, { method: 'OPTIONS', headers: { ...evil, 'access-control-request-method': 'POST' } });

    // Assess
    expect(plain).toMatchObject({ status: 403, body: { code: 'cross-origin-refused' } });
    expect(form).toMatchObject({ status: 403, body: { code: 'cross-origin-refused' } });
    expect(plainSameOrigin).toMatchObject({ status: 415, body: { code: 'unsupported-media-type', message: 'A request body of content type "text/plain" is not accepted; send "application/json".' } });
    expect(preflight).toMatchObject({ status: 403, body: { code: 'cross-origin-refused' } });
    expect(api.submitted()).toBe(0);
  });

  it('refuses a Host it does not answer for, as a DNS-rebound page would send, before any function runs', async () => {
    const api = await startTaskApi();

    const rebound = await send(api.port, { headers: { host: `evil.example:${api.port}` } });

    expect(rebound.status).toBe(421);
    expect(rebound.body).toMatchObject({ code: 'host-not-allowed' });
    expect(rebound.body.message).toContain(`"evil.example:${api.port}"`);
    expect(rebound.body.message).toContain('SYNTOR_HARNESS_ALLOWED_HOSTS');
    expect(api.listed()).toBe(0);
  });

  it('still serves its own clients: a same-origin JSON POST, curl without Origin, a GET by localhost', async () => {
    const api = await startTaskApi();

    const sameOrigin = await send(api.port, {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${api.port}`, 'content-type': 'application/json; charset=utf-8' },
      body: '{"type":"compute"}',
    });
    const fetched = await fetch(`http://localhost:${api.port}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"x"}' });
    const listed = await send(api.port, { headers: { host: `localhost:${api.port}` } });

    expect(sameOrigin).toMatchObject({ status: 201, body: { created: { type: 'compute' } } });
    expect(fetched.status).toBe(201);
    expect(listed).toMatchObject({ status: 200, body: { tasks: [] } });
  });

  it.each([
    ['a NUL character', '{"type":"a\\u0000b"}', 'NUL character'],
    ['nesting 200,000 deep', `{"payload":${'['.repeat(200_000)}${']'.repeat(200_000)}}`, 'nests deeper than 64 levels'],
  ])('answers 400, not 500, for a JSON body with %s', async (_, body, message) => {
    const api = await startTaskApi();

    const response = await send(api.port, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(response.status).toBe(400);
    expect(response.body.message).toContain(message);
  });
});

describe('SYNTOR_API_TOKEN', () => {
  it('makes every route want the bearer token', async () => {
    const api = await startTaskApi({ apiToken: TOKEN });

    const without = await send(api.port, {});
    const wrong = await send(api.port, { headers: { authorization: 'Bearer not-the-token' } });
    const listed = await send(api.port, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(without).toMatchObject({ status: 401, body: { code: 'token-required' } });
    expect(wrong.status).toBe(401);
    expect(listed).toMatchObject({ status: 200, body: { tasks: [] } });
    expect(api.listed()).toBe(1);
  });

  it('must be set before the API may listen beyond loopback', async () => {
    const agent = probeAgent(uniqueName('p'), [{ name: 'list', triggers: [{ type: 'http', method: 'GET', path: '/tasks' }] }]);

    const exposed = runHarness(agent, { config: { ...testConfig(), harnessHost: '0.0.0.0' }, ports: { http: 0, metrics: false, health: false } });

    await expect(exposed).rejects.toThrow(HarnessApiExposedError);
    await expect(exposed).rejects.toThrow(/SYNTOR_HARNESS_HOST=0\.0\.0\.0 .*Set SYNTOR_API_TOKEN/);
  });
});

describe('SYNTOR_METRICS_HOST', () => {
  it('puts /metrics and /health on their own address while the API stays where it was', async () => {
    // 127.0.0.2 is loopback too on Linux: it stands for the 0.0.0.0 a Prometheus in Docker needs.
    const agent = probeAgent(uniqueName('p'), [{ name: 'list', triggers: [{ type: 'http', method: 'GET', path: '/tasks' }] }]);
    const harness = await runHarness(agent, { config: { ...testConfig(), metricsHost: '127.0.0.2' }, ports: { http: 0, metrics: 0, health: 0 } });

    const metrics = await fetch(`http://127.0.0.2:${harness.ports.metrics}/metrics`);
    const health = await fetch(`http://127.0.0.2:${harness.ports.health}/health`);
    const apiElsewhere = fetch(`http://127.0.0.2:${harness.ports.http}/tasks`);

    expect(metrics.status).toBe(200);
    expect(health.status).toBe(200);
    await expect(apiElsewhere).rejects.toThrow();
  });
});
