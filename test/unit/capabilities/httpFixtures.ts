import { expect } from 'vitest';
import { createHttpRequestCapability, runCapability, type HttpRequestCapabilityConfig, type HttpRequestOutput } from '../../../lib/capabilities/index.js';
import { buildCapabilityContext } from './fixtures.js';
import { startLocalServer, type LocalServer } from './localServer.js';

export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);

/** The guard configuration of tests against the local server: loopback is refused without it. */
export const LOCAL: HttpRequestCapabilityConfig = { allowPrivateNetworks: true };

export interface HttpFixtureServer extends LocalServer {
  /** Forgets the requests received and cancels the delayed answers. */
  reset(): void;
}

/**
 * The server the http.request tests call: JSON, an echo, a slow answer, bodies over a cap (declared and
 * chunked), binary content, a cookie, and redirects (`/redirect?to=<location>&status=<3xx>`, `/loop`).
 */
export async function startHttpFixtureServer(): Promise<HttpFixtureServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = await startLocalServer({
    '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"hello":"wörld"}'),
    '/echo': (req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'], body: req.body }));
    },
    '/slow': (_req, res) => {
      timers.add(setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'), 2_000));
    },
    '/big': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2048' }).end('x'.repeat(2048)),
    '/big-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 8; i++) res.write('y'.repeat(256));
      res.end();
    },
    '/binary': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_BYTES),
    '/cookie': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'session=s3cr3t; HttpOnly', 'x-request-id': 'r-1' }).end('ok'),
    '/redirect': (req, res) => {
      const query = new URL(req.url ?? '/', 'http://local').searchParams;
      res.writeHead(Number(query.get('status') ?? '302'), { location: query.get('to') ?? '/json' }).end();
    },
    '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  });
  return {
    ...server,
    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.received.length = 0;
    },
  };
}

/** Runs http.request with a guard configuration; returns its output and the log lines. */
export async function request(payload: Record<string, unknown>, config: HttpRequestCapabilityConfig = LOCAL) {
  const recorded = buildCapabilityContext();
  const output = (await runCapability(createHttpRequestCapability(config), payload, recorded.ctx)) as HttpRequestOutput;
  return { output, logs: recorded.logs };
}

/** Runs http.request expecting it to fail; returns the error and the log lines. */
export async function failureOf(payload: Record<string, unknown>, config: HttpRequestCapabilityConfig = LOCAL) {
  const recorded = buildCapabilityContext();
  const error = await runCapability(createHttpRequestCapability(config), payload, recorded.ctx).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return { error: error as Error & { retriable: boolean }, logs: recorded.logs };
}
