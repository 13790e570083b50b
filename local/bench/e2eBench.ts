import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMessage } from '../../lib/contracts/index.js';
import type { Deps } from '../../lib/orchestration/index.js';
import { startBenchHarness, waitForCount } from './benchHarness.js';

const request = (sentAt: number) =>
  createMessage('service.request', { operation: 'task.submit', params: { type: 'noop', requiredCapabilities: ['noop'], payload: { sentAt }, maxRetries: 0 } }, { source: 'bench', target: 'coordination', correlationId: randomUUID() });

async function finished(deps: Deps): Promise<number> {
  const { rows } = await deps.pool.query<{ n: string }>("SELECT count(*) AS n FROM tasks WHERE status IN ('completed', 'dead')");
  return Number(rows[0]!.n);
}

async function percentiles(deps: Deps): Promise<{ p50: number; p95: number; p99: number; max: number; n: number }> {
  const { rows } = await deps.pool.query<{ p50: number; p95: number; p99: number; max: number; n: string }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max, count(*) AS n
     FROM (SELECT (extract(epoch FROM completed_at) * 1000 - (payload->>'sentAt')::bigint)::float8 AS ms FROM tasks WHERE status = 'completed') AS latencies`,
  );
  const r = rows[0]!;
  return { p50: r.p50, p95: r.p95, p99: r.p99, max: r.max, n: Number(r.n) };
}

/**
 * Submit → completed through the harness with the coordination agent and a no-op worker:
 * throughput with a backlog of `total` tasks, then latency percentiles at a fixed offered `rate`.
 */
export async function e2eSuite(options: { total: number; rate: number; seconds: number; log: (l: string) => void }): Promise<void> {
  const { log } = options;
  const bench = await startBenchHarness(log);
  const { deps } = bench;
  const waitFor = (total: number, progress: (l: string) => void) => waitForCount(() => finished(deps), total, 'finished', progress);
  const publish = (messages: { message: ReturnType<typeof request> }[]) => bench.publish(messages.map((m) => m.message));
  try {
    await bench.warmUp(500);
    log(`Throughput: ${options.total} tasks submitted at once (services.request), no-op capability`);
    const started = Date.now();
    for (let i = 0; i < options.total; i += 500) {
      await publish(Array.from({ length: Math.min(500, options.total - i) }, () => ({ message: request(Date.now()) })));
    }
    await waitFor(options.total, log);
    const seconds = (Date.now() - started) / 1000;
    log(`  ${options.total} tasks in ${seconds.toFixed(2)} s: ${Math.round(options.total / seconds)} tasks/s (target >= 1000)`);

    await deps.pool.query('TRUNCATE tasks, task_events CASCADE');
    const count = options.rate * options.seconds;
    log(`Latency: ${options.rate} tasks/s offered for ${options.seconds} s (${count} tasks), submit → completed`);
    const t0 = Date.now();
    for (let sent = 0; sent < count; ) {
      const due = Math.min(count, Math.floor(((Date.now() - t0) / 1000) * options.rate));
      if (due > sent) {
        await publish(Array.from({ length: due - sent }, () => ({ message: request(Date.now()) })));
        sent = due;
      }
      await sleep(5);
    }
    await waitFor(count, () => undefined);
    const p = await percentiles(deps);
    log(`  p50 ${p.p50.toFixed(0)} ms · p95 ${p.p95.toFixed(0)} ms · p99 ${p.p99.toFixed(0)} ms · max ${p.max.toFixed(0)} ms over ${p.n} tasks (target p99 <= 500 ms)`);
  } finally {
    await bench.stop();
  }
}
