import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CapabilityFailedError, CapabilityInputError, createHttpRequestCapability, runCapability } from '../../../lib/capabilities/index.js';
import { buildCapabilityContext } from './fixtures.js';
import { failureOf, LOCAL, PNG_BYTES, request, startHttpFixtureServer, type HttpFixtureServer } from './httpFixtures.js';
import { unusedPort } from './localServer.js';

let server: HttpFixtureServer;

beforeAll(async () => {
  server = await startHttpFixtureServer();
});

afterEach(() => {
  server.reset();
});

afterAll(() => server.close());

describe('http.request against a local server', () => {
  it('GETs JSON and returns status, headers and the body as text', async () => {
    const { output } = await request({ url: `${server.origin}/json` });

    expect(output).toMatchObject({
      status: 200,
      statusText: 'OK',
      body: '{"hello":"wörld"}',
      bodyEncoding: 'text',
      truncated: false,
      url: `${server.origin}/json`,
      redirects: 0,
    });
    expect(output.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/json' });
    expect(server.received[0]!.headers['user-agent']).toMatch(/^syntor-http-request/);
  });

  it('POSTs a JSON body as application/json', async () => {
    const { output } = await request({ url: `${server.origin}/echo`, method: 'POST', body: { name: 'x', n: [1, 2] } });

    expect(output.status).toBe(201);
    expect(JSON.parse(output.body)).toEqual({ method: 'POST', contentType: 'application/json', body: '{"name":"x","n":[1,2]}' });
  });

  it('sends a string body as it is, with the caller\'s content type when given', async () => {
    const plain = await request({ url: `${server.origin}/echo`, method: 'PUT', body: 'a=1' });
    const form = await request({ url: `${server.origin}/echo`, method: 'PATCH', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

    expect(JSON.parse(plain.output.body)).toEqual({ method: 'PUT', contentType: 'text/plain; charset=utf-8', body: 'a=1' });
    expect(JSON.parse(form.output.body)).toEqual({ method: 'PATCH', contentType: 'application/x-www-form-urlencoded', body: 'a=1' });
  });

  it('returns a binary body as base64', async () => {
    const { output } = await request({ url: `${server.origin}/binary` });

    expect(output).toMatchObject({ bodyEncoding: 'base64', body: PNG_BYTES.toString('base64') });
    expect(Buffer.from(output.body, 'base64')).toEqual(PNG_BYTES);
  });

  it('makes HEAD and DELETE requests', async () => {
    const head = await request({ url: `${server.origin}/json`, method: 'HEAD' });
    const remove = await request({ url: `${server.origin}/echo`, method: 'DELETE' });

    expect(head.output).toMatchObject({ status: 200, body: '' });
    expect(JSON.parse(remove.output.body)).toMatchObject({ method: 'DELETE' });
  });
});

describe('http.request limits', () => {
  it('fails retriably when the server is slower than timeoutMs', async () => {
    const started = Date.now();

    const { error } = await failureOf({ url: `${server.origin}/slow`, timeoutMs: 100 });

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect(error.retriable).toBe(true);
    expect(error.message).toBe(`http.request: no complete response from 127.0.0.1:${server.port} within 100 ms (timeoutMs)`);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops when the attempt\'s time is up', async () => {
    const recorded = buildCapabilityContext();
    setTimeout(() => recorded.abort(), 50);

    const error = await runCapability(createHttpRequestCapability(LOCAL), { url: `${server.origin}/slow` }, recorded.ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect((error as Error).message).toMatch(/stopped: the attempt's time is up/);
  });

  it.each(['/big', '/big-chunked'])('fails without retry when %s exceeds maxResponseBytes, never truncating', async (path) => {
    const { error } = await failureOf({ url: `${server.origin}${path}`, maxResponseBytes: 1_000 });

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect(error.retriable).toBe(false);
    expect(error.message).toBe(`http.request: the response from 127.0.0.1:${server.port} is larger than maxResponseBytes (1000 bytes)`);
  });

  it('accepts a response of exactly maxResponseBytes', async () => {
    const { output } = await request({ url: `${server.origin}/big-chunked`, maxResponseBytes: 2_048 });

    expect(output.body).toHaveLength(2_048);
  });

  it('fails retriably when nothing listens', async () => {
    const port = await unusedPort();

    const { error } = await failureOf({ url: `http://127.0.0.1:${port}/` });

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect(error.retriable).toBe(true);
    expect(error.message).toMatch(/request to 127\.0\.0\.1:\d+ failed: connect ECONNREFUSED/);
  });

  it.each([
    [{ url: 'http://x.test/', timeoutMs: 30_001 }, 'timeoutMs'],
    [{ url: 'http://x.test/', maxResponseBytes: 10 * 1024 * 1024 + 1 }, 'maxResponseBytes'],
    [{ url: 'http://x.test/', followRedirects: 6 }, 'followRedirects'],
    [{ url: 'http://x.test/', method: 'TRACE' }, 'method'],
    [{ url: 'http://x.test/', body: 'x' }, 'body'],
    [{ url: 'http://x.test/', method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) }, 'body'],
    [{ url: 'http://x.test/', headers: { Host: 'internal.example' } }, 'headers.Host'],
    [{ url: 'http://x.test/', headers: { 'Transfer-Encoding': 'chunked' } }, 'headers.Transfer-Encoding'],
    [{ url: 'http://x.test/', headers: { 'x-a': 'v\r\nInjected: 1' } }, 'headers.x-a'],
    [{ url: 'http://x.test/', headers: { 'bad name': 'v' } }, 'headers.bad name'],
    [{}, 'url'],
  ])('refuses %j with an input error on %s', async (payload, path) => {
    const { error } = await failureOf(payload);

    expect(error).toBeInstanceOf(CapabilityInputError);
    expect((error as CapabilityInputError).fields.map((field) => field.path)).toContain(path);
  });
});
