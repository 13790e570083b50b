import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTracing } from '../../../lib/observability/startTracing.js';
import { TraceContext } from '../../../lib/observability/traceContext.js';

/** A stand-in for Jaeger's OTLP/HTTP receiver: keeps what it is sent. */
let server: Server;
const received: { path: string; contentType: string; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('startTracing with the OTLP exporter', () => {
  it('sends the spans to OTEL_EXPORTER_OTLP_ENDPOINT, under the caller\'s trace', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const tracing = startTracing({ serviceName: 'syntor-otlp-test', exporter: 'otlp', instrument: false });
    let inner: string | undefined;
    try {
      await TraceContext.fromTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01').span('otlp-probe', {}, async () => {
        inner = TraceContext.active().traceparent();
      });
      await tracing.flush();
    } finally {
      await tracing.shutdown();
    }

    expect(inner).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(inner).not.toContain('00f067aa0ba902b7');
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const sent = traces.map((r) => r.body).join('');
    expect(sent).toContain('otlp-probe');
    expect(sent).toContain('syntor-otlp-test');
  });
});
