import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import workerAlpha from '../../../functions/worker-alpha/agent.js';
import type { RunningHarness } from '../../../local/harness/harness.js';
import { parsePrometheusText } from '../../fixtures/prometheusText.js';
import { api, eventually, resetState } from '../orchestration/support.js';
import { captureLog, disconnectProducers, HARNESS_TEST_BUNDLE_DIR, resetHarnesses, runHarness } from './support.js';

/** What the platform recorded of one bad-input task: the codes a minifier must not have renamed. */
interface Reported {
  status: string;
  taskError: { code: string; retriable: boolean };
  letterReason: string;
  letterErrorCode: string;
  deadLetteredCodes: string[];
}

const reported: Partial<Record<'source' | 'bundles', Reported>> = {};
// Invalid input is final: the worker's CapabilityInputError dead-letters the task on its first attempt.
const badInput = { type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'average', values: [] }, maxRetries: 3 };

afterAll(disconnectProducers);

describe.each([
  { runs: 'source' as const, bundles: false as const },
  { runs: 'bundles' as const, bundles: { dir: HARNESS_TEST_BUNDLE_DIR } },
])('the real coordination and worker agents from $runs', ({ runs, bundles }) => {
  const log = captureLog();
  let harness: RunningHarness;
  let client: ReturnType<typeof api>;

  beforeAll(async () => {
    await resetState();
    harness = await runHarness(coordination, { agents: [coordination, workerAlpha], ports: { http: 0, metrics: 0, health: false }, fireSchedulesOnStart: true, isolation: true, bundles, log });
    client = api(`http://127.0.0.1:${harness.ports.http}`);
    await eventually('worker-alpha to register', async () => {
      const { body } = await client.agents();
      return (body.agents as { name: string }[]).some((a) => a.name === 'worker-alpha') ? true : undefined;
    });
  }, 120_000);
  afterAll(resetHarnesses);

  it('dead-letters a task with bad input under its explicit code, in the task, its dead letter and the metrics', async () => {
    const { body } = await client.submit(badInput);

    const task = await eventually('the task to settle', async () => {
      const { body: t } = await client.task(body.id as string);
      return ['completed', 'dead'].includes(t.status as string) ? t : undefined;
    });
    const letter = await eventually('the stored dead letter', async () => {
      const { body: dlq } = await client.dlq();
      return (dlq.deadLetters as { taskId?: string; reason: string; details: { error: { code: string } } }[]).find((d) => d.taskId === body.id);
    });
    const deadLettered = await eventually('the dead-lettered counter', async () => {
      const samples = parsePrometheusText(await (await fetch(`http://127.0.0.1:${harness.ports.metrics}/metrics`)).text()).filter((s) => s.name === 'syntor_tasks_dead_lettered_total');
      return samples.length > 0 ? samples : undefined;
    });
    reported[runs] = {
      status: task.status as string,
      taskError: { code: task.error.code as string, retriable: task.error.retriable as boolean },
      letterReason: letter.reason.split(':')[0]!,
      letterErrorCode: letter.details.error.code,
      deadLetteredCodes: [...new Set(deadLettered.map((s) => s.labels.code ?? ''))].sort(),
    };

    expect(reported[runs]).toEqual({
      status: 'dead',
      taskError: { code: 'CapabilityInputError', retriable: false },
      letterReason: 'CapabilityInputError',
      letterErrorCode: 'CapabilityInputError',
      deadLetteredCodes: ['CapabilityInputError'],
    });
    expect(log.lines.some((line) => line.startsWith('bundles: worker-alpha-execute runs '))).toBe(runs === 'bundles');
  });
});

describe('source and bundles', () => {
  it('report the same explicit code, never a name a minifier made', () => {
    expect(reported.bundles).toBeDefined();
    expect(reported.bundles).toEqual(reported.source);
  });
});
