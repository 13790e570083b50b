import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../../lib/config/index.js';
import type { TaskPriority } from '../../../lib/contracts/index.js';
import { createDeps, dispatchPending, getDeps, type Deps } from '../../../lib/orchestration/index.js';
import { resetState } from './support.js';
import { parseSubmissions } from '../../fixtures/parsedSubmissions.js';

const others: Deps[] = [];
afterAll(() => Promise.all(others.map((d) => d.close())));

async function registerSink(deps: Deps, name: string, concurrency: number) {
  await deps.agents.register({ agent: name, instanceId: `${name}-1`, kind: 'worker', capabilities: ['sink'], concurrency, startedAt: new Date().toISOString() });
  await deps.liveness.beat(name, `${name}-1`, 60_000);
}

async function assignmentsPerTask(deps: Deps): Promise<number[]> {
  const { rows } = await deps.pool.query<{ n: string }>(
    "SELECT count(*) FILTER (WHERE to_status = 'assigned') AS n FROM task_events GROUP BY task_id",
  );
  return rows.map((r) => Number(r.n));
}

describe('dispatch', () => {
  beforeEach(resetState);

  it('never assigns a task twice when two coordinators dispatch at once', async () => {
    const deps = await getDeps();
    const second = createDeps(getConfig());
    others.push(second);
    await registerSink(deps, 'sink', 1_000);
    await deps.tasks.createMany(parseSubmissions(Array.from({ length: 300 }, () => ({ type: 'sink', requiredCapabilities: ['sink'] }))), 'test');

    const [a, b] = await Promise.all([dispatchPending(deps, { limit: 50 }), dispatchPending(second, { limit: 50 })]);

    expect(a.assigned + b.assigned).toBe(300);
    expect(a.assigned).toBeGreaterThan(0);
    expect(b.assigned).toBeGreaterThan(0);
    expect((await assignmentsPerTask(deps)).every((n) => n === 1)).toBe(true);
    expect(await deps.inFlight.count('sink')).toBe(300);
  });

  it('sends the highest priorities first, then the oldest, when capacity is short', async () => {
    const deps = await getDeps();
    await registerSink(deps, 'small', 5);
    const priorities: TaskPriority[] = [1, 5, 15, 10, 5, 15, 1, 10, 15, 5];
    for (const priority of priorities) await deps.tasks.createMany(parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'], priority }]), 'test');

    const result = await dispatchPending(deps);

    expect(result).toEqual({ assigned: 5, unroutable: 5 });
    const assigned = await deps.tasks.list({ status: 'assigned' });
    expect(assigned.map((t) => t.priority).sort((x, y) => y - x)).toEqual([15, 15, 15, 10, 10]);
    const pending = await deps.tasks.list({ status: 'pending' });
    expect(pending.every((t) => t.statusReason === 'every agent with [sink] is at its concurrency limit')).toBe(true);
  });

  it('skips an agent whose circuit is open', async () => {
    const deps = await getDeps();
    await registerSink(deps, 'broken', 10);
    await registerSink(deps, 'healthy', 10);
    await deps.agents.setCircuit('broken', 'open', ['closed']);
    await deps.tasks.createMany(parseSubmissions(Array.from({ length: 4 }, () => ({ type: 'sink', requiredCapabilities: ['sink'] }))), 'test');

    await dispatchPending(deps);

    expect(new Set((await deps.tasks.list({ status: 'assigned' })).map((t) => t.assignedAgent))).toEqual(new Set(['healthy']));
  });
});
