import { createMessage } from '../../lib/contracts/index.js';
import type { Deps } from '../../lib/orchestration/index.js';
import { startBenchHarness, waitForCount } from './benchHarness.js';

const STEPS = 3;

/** A chain of three no-op steps, each reading the one before: `a → b → c`. */
const chain = (sentAt: number) =>
  createMessage(
    'service.request',
    {
      operation: 'workflow.submit',
      params: {
        steps: {
          a: { type: 'noop', requiredCapabilities: ['noop'], maxRetries: 0, payload: { sentAt } },
          b: { type: 'noop', requiredCapabilities: ['noop'], maxRetries: 0, dependsOn: ['a'], payload: { sentAt: { $from: 'a.result.sentAt' } } },
          c: { type: 'noop', requiredCapabilities: ['noop'], maxRetries: 0, dependsOn: ['b'], payload: { sentAt: { $from: 'b.result.sentAt' } } },
        },
      },
    },
    { source: 'bench', target: 'coordination' },
  );

async function ended(deps: Deps): Promise<number> {
  const { rows } = await deps.pool.query<{ n: string }>("SELECT count(*) AS n FROM workflows WHERE status <> 'running'");
  return Number(rows[0]!.n);
}

/**
 * `total` workflows of three chained no-op steps submitted at once on syntor.services.request,
 * through the coordination agent and the bench worker: steps/s and workflows/s until every one ended.
 */
export async function workflowSuite(options: { total: number; log: (line: string) => void }): Promise<void> {
  const { total, log } = options;
  const bench = await startBenchHarness(log);
  try {
    await bench.warmUp(500);
    log(`Workflows: ${total} workflows of ${STEPS} chained no-op steps submitted at once (workflow.submit)`);
    const started = Date.now();
    for (let i = 0; i < total; i += 250) await bench.publish(Array.from({ length: Math.min(250, total - i) }, () => chain(Date.now())));
    await waitForCount(() => ended(bench.deps), total, 'workflows ended', log);
    const seconds = (Date.now() - started) / 1000;
    const { rows } = await bench.deps.pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM workflows GROUP BY status ORDER BY status');
    const { rows: latency } = await bench.deps.pool.query<{ p50: number; p99: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM finished_at - created_at) * 1000 AS ms FROM workflows WHERE status = 'completed') AS l`,
    );
    log(`  ${total} workflows (${total * STEPS} steps) in ${seconds.toFixed(2)} s: ${Math.round((total * STEPS) / seconds)} steps/s, ${Math.round(total / seconds)} workflows/s`);
    log(`  ended: ${rows.map((r) => `${r.n} ${r.status}`).join(', ')}; submit → workflow completed p50 ${latency[0]!.p50?.toFixed(0)} ms, p99 ${latency[0]!.p99?.toFixed(0)} ms`);
  } finally {
    await bench.stop();
  }
}
