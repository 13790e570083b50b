import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../../functions/index.js';
import { createMessage, type TaskPriority } from '../../../lib/contracts/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import type { RunningHarness } from '../../../local/harness/harness.js';
import { asAgent } from '../../fixtures/asAgent.js';
import { disconnectProducers, resetHarnesses, runHarness } from '../harness/support.js';
import { eventually, resetState } from './support.js';

let harness: RunningHarness;
beforeAll(async () => {
  await resetState();
  harness = await runHarness(agents[0]!, { agents, ports: { http: false, metrics: false, health: false }, fireSchedulesOnStart: true });
  await eventually('both workers to register', async () => ((await (await getDeps()).agents.list()).filter((a) => a.kind === 'worker').length === 2 ? true : undefined));
});
afterAll(async () => {
  await resetHarnesses();
  await disconnectProducers();
});

describe('1,000 tasks through syntor.services.request', () => {
  it('brings every task to exactly one terminal state, none lost, none completed twice', async () => {
    const priorities: TaskPriority[] = [1, 5, 10, 15];
    const requests = Array.from({ length: 1_000 }, (_, i) =>
      createMessage(
        'service.request',
        {
          operation: 'task.submit',
          params:
            i % 2 === 0
              ? { type: 'compute', requiredCapabilities: ['compute'], priority: priorities[i % 4]!, payload: { op: 'sum', values: [i, 1] } }
              : { type: 'data.transform', requiredCapabilities: ['data.transform'], priority: priorities[i % 4]!, payload: { records: [{ i }], steps: [{ type: 'rename', fields: { i: 'n' } }] } },
        },
        { source: 'test', target: 'coordination', correlationId: randomUUID() },
      ),
    );
    const deps = await getDeps();

    for (let i = 0; i < requests.length; i += 250) {
      await asAgent(harness, 'test', () => deps.producer.publishAll(requests.slice(i, i + 250).map((message) => ({ message, options: { key: message.correlationId! } }))));
    }
    await eventually(
      'all 1,000 tasks to finish',
      async () => {
        const { rows } = await deps.pool.query<{ n: string }>("SELECT count(*) AS n FROM tasks WHERE status IN ('completed', 'dead', 'cancelled')");
        return Number(rows[0]!.n) === 1_000 ? true : undefined;
      },
      120_000,
    );

    const { rows: byStatus } = await deps.pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM tasks GROUP BY status');
    expect(Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]))).toEqual({ completed: 1_000 });
    const { rows: terminal } = await deps.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM task_events WHERE to_status IN ('completed', 'dead', 'cancelled') GROUP BY task_id HAVING count(*) <> 1",
    );
    expect(terminal).toEqual([]);
    const { rows: sample } = await deps.pool.query<{ result: { op?: string; result?: number } }>("SELECT result FROM tasks WHERE type = 'compute' LIMIT 5");
    expect(sample.every((r) => r.result.op === 'sum' && typeof r.result.result === 'number')).toBe(true);
    const { rows: spread } = await deps.pool.query<{ agent: string }>('SELECT DISTINCT assigned_agent AS agent FROM tasks');
    expect(spread.map((r) => r.agent).sort()).toEqual(['worker-alpha', 'worker-beta']);
  }, 150_000);
});
