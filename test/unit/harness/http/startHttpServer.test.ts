import { connect } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRouteInvalidError } from '../../../../lib/triggers/index.js';
import { startHttpServer, type HttpServer } from '../../../../local/harness/http/index.js';
import { handlerTimeoutError, route } from './fixtures.js';

const TEN_MIB = 10 * 1024 * 1024;

const routes = [
  route('GET', '/tasks/{id}', async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) })),
  route('POST', '/tasks', async (event) => ({ received: JSON.parse(event.body ?? 'null') as unknown, bytes: (event.body ?? '').length })),
  route('PUT', '/files/{name}', async (event) => ({ isBase64Encoded: event.isBase64Encoded, body: event.body })),
  route('GET', '/logo.png', async () => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([137, 80, 78, 71]).toString('base64'), isBase64Encoded: true })),
  route('GET', '/session', async () => ({ statusCode: 204, cookies: ['session=abc; HttpOnly', 'theme=dark'] })),
  route('GET', '/fail', async () => Promise.reject(new Error('boom'))),
  route('GET', '/function-timeout', async () => Promise.reject(handlerTimeoutError())),
  route('GET', '/slow', () => new Promise(() => {})),
  route('GET', '/bad-header', async () => ({ statusCode: 200, headers: { 'x-bad': 'line\nbreak' } })),
  route('GET', '/bad-body', async () => ({ statusCode: 200, body: { id: 't1' } })),
];

describe('startHttpServer', () => {
  let server: HttpServer;
  let base: string;
  const log: string[] = [];

  beforeAll(async () => {
    // Octet-stream too, to see binary bodies passed on as API Gateway passes them; JSON alone by default.
    server = await startHttpServer({ port: 0, routes, integrationTimeoutMs: 200, bodyContentTypes: ['application/json', 'application/octet-stream'], log: (line) => log.push(line) });
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
  });

  it('serves a GET with path and query parameters as a 2.0 event', async () => {
    const response = await fetch(`${base}/tasks/a%20b?status=open&status=done`, { headers: { 'x-trace': 't-1', cookie: 'a=1; b=2' } });
    const event = (await response.json()) as APIGatewayProxyEventV2;

    expect(response.status).toBe(200);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /tasks/{id}',
      rawPath: '/tasks/a%20b',
      rawQueryString: 'status=open&status=done',
      queryStringParameters: { status: 'open,done' },
      pathParameters: { id: 'a b' },
      cookies: ['a=1', 'b=2'],
      headers: { 'x-trace': 't-1', host: `127.0.0.1:${server.port}` },
      requestContext: { http: { method: 'GET', path: '/tasks/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' }, stage: '$default' },
      isBase64Encoded: false,
    });
    expect(event.body).toBeUndefined();
    expect(response.headers.get('apigw-requestid')).toBe(event.requestContext.requestId);
    expect(log.some((line) => line.startsWith('http: GET /tasks/a%20b -> 200 fn GET /tasks/{id} '))).toBe(true);
  });

  it('passes a JSON body as text and infers a JSON response for a plain result', async () => {
    const response = await fetch(`${base}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"write tests"}' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ received: { title: 'write tests' }, bytes: 23 });
  });

  it('passes a binary body base64-encoded', async () => {
    const response = await fetch(`${base}/files/logo.bin`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255]) });

    expect(await response.json()).toEqual({ isBase64Encoded: true, body: 'AAEC/w==' });
  });

  it('decodes a base64 response body to bytes', async () => {
    const response = await fetch(`${base}/logo.png`);

    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('sends each cookie as its own set-cookie header', async () => {
    const response = await fetch(`${base}/session`);

    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()).toEqual(['session=abc; HttpOnly', 'theme=dark']);
  });

  it.each([
    ['no route for the path', 'GET', '/nowhere'],
    ['no route for the method', 'DELETE', '/tasks'],
  ])('answers 404 Not Found when there is %s', async (_story, method, path) => {
    const response = await fetch(`${base}${path}`, { method });

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"message":"Not Found"}');
  });

  it.each([
    ['the handler fails', '/fail'],
    ['the function times out (Lambda reports that as a failure)', '/function-timeout'],
    ['the result has an object body', '/bad-body'],
    ['the result has a header Node cannot send', '/bad-header'],
  ])('answers 500 Internal Server Error when %s', async (_story, path) => {
    const response = await fetch(`${base}${path}`);

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
  });

  it('answers 503 Service Unavailable when the integration timeout passes first', async () => {
    const started = Date.now();

    const response = await fetch(`${base}/slow`);

    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"message":"Service Unavailable"}');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(log.some((line) => line.includes('/slow -> 503') && line.includes('integration timeout after 200 ms'))).toBe(true);
  });

  it('accepts a 10 MiB body and answers 413 for one byte more (API Gateway\'s own quota, seen with Lambda\'s 6 MB lifted)', async () => {
    const gateway = await startHttpServer({ port: 0, routes, maxEventBytes: Number.POSITIVE_INFINITY, maxResultBytes: Number.POSITIVE_INFINITY });
    const post = (bytes: number) =>
      fetch(`http://127.0.0.1:${gateway.port}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(bytes - 2)}"` });

    try {
      const atLimit = await post(TEN_MIB);
      const overLimit = await post(TEN_MIB + 1);

      expect(atLimit.status).toBe(200);
      expect(((await atLimit.json()) as { bytes: number }).bytes).toBe(TEN_MIB);
      expect(overLimit.status).toBe(413);
      expect(await overLimit.text()).toBe('{"message":"Request Entity Too Large"}');
    } finally {
      await gateway.close();
    }
  });

  it('answers 413 for a body under 10 MiB whose event is over Lambda\'s 6 MB request quota', async () => {
    const response = await fetch(`${base}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(6 * 1024 * 1024)}"` });

    expect(response.status).toBe(413);
    expect(await response.text()).toBe('{"message":"Request Entity Too Large"}');
    expect(log.some((line) => line.startsWith('http: POST /tasks -> 413 fn POST /tasks ') && line.includes('6291456-byte request payload limit'))).toBe(true);
  });

  it('keeps serving after a request that is not HTTP at all', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('NOT HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += String(chunk)));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });

    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it('keeps serving after a client hangs up halfway through a body', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(`POST /tasks HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":`);
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
    });
    await expect.poll(() => log.some((line) => line.startsWith('http: POST /tasks failed: '))).toBe(true);

    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});

describe('startHttpServer lifecycle', () => {
  it('rejects routes API Gateway would not accept, before listening', async () => {
    await expect(startHttpServer({ port: 0, routes: [route('GET', '/files/{path+}/meta')] })).rejects.toThrow(HttpRouteInvalidError);
    await expect(startHttpServer({ port: 0, routes: [route('GET', '/tasks/{id}'), route('GET', '/tasks/{taskId}')] })).rejects.toThrow(
      'invalid route "GET /tasks/{taskId}": another route has the same method and path',
    );
  });

  it('closes promptly with kept-alive connections open', async () => {
    const server = await startHttpServer({ port: 0, routes: [route('GET', '/ping', async () => 'pong')] });
    expect(await (await fetch(`http://127.0.0.1:${server.port}/ping`)).text()).toBe('pong');

    await server.close();

    await expect(fetch(`http://127.0.0.1:${server.port}/ping`)).rejects.toThrow();
  });

  it('fails to start on a port that is taken', async () => {
    const first = await startHttpServer({ port: 0, routes: [] });

    await expect(startHttpServer({ port: first.port, routes: [] })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
