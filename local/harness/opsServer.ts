import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { TriggerStatus } from './triggerStatus.js';

export interface OpsServerOptions {
  port: number;
  /** SYNTOR_METRICS_HOST: apart from the API's host, so a scraper in Docker can reach it while the API stays on loopback. @default '127.0.0.1' */
  host?: string;
  /** Serves GET /metrics when given; a function is asked at each scrape (the execution environments' metrics). */
  registry?: Registry | (() => Promise<Registry>);
  /** Serves GET /health when given. */
  health?: () => TriggerStatus[];
}

/** Health is "degraded" while any trigger keeps failing: the point of a health check is to say so. */
export function healthReport(statuses: TriggerStatus[]) {
  const failing = statuses.filter((s) => s.consecutiveFailures > 0 || s.state === 'retrying');
  return { status: failing.length === 0 ? 'ok' : 'degraded', triggers: statuses } as const;
}

/** A tiny HTTP server for Prometheus scrapes and health checks. */
export async function startOpsServer(options: OpsServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics' && options.registry) {
      const source = options.registry;
      (typeof source === 'function' ? source() : Promise.resolve(source)).then(async (registry) => ({ body: await registry.metrics(), contentType: registry.contentType })).then(
        ({ body, contentType }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
      return;
    }
    if (req.method === 'GET' && path === '/health' && options.health) {
      const report = healthReport(options.health());
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
