import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../../functions/index.js';
import type { RunningHarness } from '../../../local/harness/harness.js';
import { parsePrometheusText, sampleSum } from '../../fixtures/prometheusText.js';
import { api, eventually, resetState } from '../orchestration/support.js';
import { captureLog, disconnectProducers, resetHarnesses, runHarness } from './support.js';

const log = captureLog();
let harness: RunningHarness;
let client: ReturnType<typeof api>;

beforeAll(async () => {
  await resetState();
  harness = await runHarness(agents[0]!, {
    agents: agents.filter((a) => ['coordination', 'worker-alpha'].includes(a.name)),
    ports: { http: 0, metrics: 0, health: false },
    fireSchedulesOnStart: true,
    isolation: true,
    log,
  });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  await eventually('worker-alpha to register', async () => {
    const { body } = await client.agents();
    return (body.agents as { name: string }[]).some((a) => a.name === 'worker-alpha') ? true : undefined;
  });
}, 120_000);
afterAll(async () => {
  await resetHarnesses();
  await disconnectProducers();
});

async function scrape() {
  const response = await fetch(`http://127.0.0.1:${harness.ports.metrics}/metrics`);
  return parsePrometheusText(await response.text());
}

describe('the real agents in their own execution environments', () => {
  it('runs tasks to the end, reports the cold starts, and serves what every environment counted', async () => {
    const before = await scrape();
    const good = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'fibonacci', n: 10 } });
    const bad = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'average', values: [] } });

    const settled = await Promise.all(
      [good.body.id as string, bad.body.id as string].map((id) =>
        eventually(`task ${id} to settle`, async () => {
          const { body } = await client.task(id);
          return ['completed', 'dead'].includes(body.status as string) ? body : undefined;
        }),
      ),
    );
    const after = await eventually('the counters to catch up', async () => {
      const now = await scrape();
      return sampleSum(now, 'syntor_tasks_completed_total', { type: 'compute' }) > sampleSum(before, 'syntor_tasks_completed_total', { type: 'compute' }) ? now : undefined;
    });

    expect(settled.map((t) => t.status)).toEqual(['completed', 'dead']);
    expect(sampleSum(after, 'syntor_tasks_dead_lettered_total', { type: 'compute' }) - sampleSum(before, 'syntor_tasks_dead_lettered_total', { type: 'compute' })).toBe(1);
    expect(sampleSum(after, 'syntor_handler_invocations_total', { function: 'worker-alpha-execute' })).toBeGreaterThan(0);
    expect(log.lines.some((line) => /^coordination-submit: INIT Init Duration: \d+\.\d+ ms/.test(line))).toBe(true);
    expect(log.lines.some((line) => /^worker-alpha-execute: INIT Init Duration/.test(line))).toBe(true);
  });
});
