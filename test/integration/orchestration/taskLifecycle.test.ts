import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agents } from '../../../functions/index.js';
import { createMessage, TOPICS } from '../../../lib/contracts/index.js';
import { getDeps, sweep } from '../../../lib/orchestration/index.js';
import type { RunningHarness } from '../../../local/harness/harness.js';
import { flakyControl } from '../../fixtures/agents/testWorkers/capabilities.js';
import { stuckAgent, testWorkerAgent } from '../../fixtures/agents/testWorkers/manifests.js';
import { deregisterStuck, swallowed } from '../../fixtures/agents/testWorkers/stuckWorker.js';
import { asAgent } from '../../fixtures/asAgent.js';
import { disconnectProducers, produce, runHarness, resetHarnesses } from '../harness/support.js';
import { api, eventually, resetState } from './support.js';

let harness: RunningHarness;
let client: ReturnType<typeof api>;
let sweeping: NodeJS.Timeout;

beforeAll(async () => {
  await resetState();
  harness = await runHarness(agents[0]!, {
    agents: [...agents, testWorkerAgent],
    ports: { http: 0, metrics: false, health: false },
    fireSchedulesOnStart: true,
  });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  // The sweeper's schedule is a minute; tests need failover in seconds.
  sweeping = setInterval(() => void getDeps().then(sweep).catch(() => undefined), 300);
  await eventually('the workers to register', async () => {
    const { body } = await client.agents();
    const names = (body.agents as { name: string }[]).map((a) => a.name);
    return ['worker-alpha', 'worker-beta', 'worker-test'].every((n) => names.includes(n)) ? names : undefined;
  });
});
beforeEach(() => {
  flakyControl.failuresLeft = 0;
});
afterAll(async () => {
  clearInterval(sweeping);
  await resetHarnesses();
  await disconnectProducers();
});

async function settled(id: string, statuses = ['completed', 'dead', 'cancelled']) {
  return eventually(`task ${id} to settle`, async () => {
    const { body } = await client.task(id);
    return statuses.includes(body.status) ? body : undefined;
  });
}

describe('submit → route → run → complete', () => {
  it('runs a compute task to completion on a capable worker, with its history', async () => {
    const submitted = await client.submit({ type: 'data.transform', requiredCapabilities: ['data.transform'], payload: { records: [{ a: 1, b: 2 }], steps: [{ type: 'pick', fields: ['a'] }] } });
    expect(submitted).toMatchObject({ status: 201, body: { status: 'pending', created: true } });

    const task = await settled(submitted.body.id);

    expect(task).toMatchObject({ status: 'completed', result: { records: [{ a: 1 }], count: 1 } });
    expect(['worker-alpha', 'worker-beta']).toContain(task.assignedAgent);
    expect(task.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['pending', 'assigned', 'completed']);
    const { body: listed } = await client.tasks('?status=completed&limit=10');
    expect((listed.tasks as { id: string }[]).map((t) => t.id)).toContain(submitted.body.id);
    // A list leaves payloads and results out; the task itself has them.
    expect(listed.tasks.find((t: { id: string }) => t.id === submitted.body.id)).not.toHaveProperty('payload');
    expect(listed.tasks.find((t: { id: string }) => t.id === submitted.body.id)).not.toHaveProperty('result');
    expect((await client.tasks('?status=finished')).status).toBe(400);
  });

  it('names each invalid field of a bad submission', async () => {
    const reply = await client.submit({ type: 'Not A Type', priority: 7, requiredCapabilities: ['ok', 'BAD'], surprise: true });
    expect(reply.status).toBe(400);
    const fields = (reply.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['priority', 'requiredCapabilities.1', 'surprise', 'type']);
    expect((await client.submit('{not json')).body.message).toMatch(/not valid JSON/);
  });

  it('returns the same task for a repeated idempotency key', async () => {
    const first = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'sum', values: [1] }, idempotencyKey: 'same-key' });
    const second = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'sum', values: [1] }, idempotencyKey: 'same-key' });
    expect(second).toMatchObject({ status: 200, body: { id: first.body.id, created: false } });
  });

  it('keeps a task no agent can serve pending, with the reason in its status', async () => {
    const { body } = await client.submit({ type: 'compute', requiredCapabilities: ['quantum.solve'] });
    const task = await eventually('the reason', async () => {
      const { body: t } = await client.task(body.id);
      return t.statusReason ? t : undefined;
    });
    expect(task).toMatchObject({ status: 'pending', statusReason: 'no registered agent has [compute, quantum.solve]' });
    expect((await client.cancel(body.id)).body.status).toBe('cancelled');
  });

  it('refuses a type no registered agent runs, naming the types they do', async () => {
    const { status, body } = await client.submit({ type: 'quantum.solve' });
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ field: 'type', message: expect.stringMatching(/^no registered agent runs "quantum.solve"; the types they run: .*compute/) }]);
  });
});

describe('failures', () => {
  it('retries a failed attempt with backoff, then completes', async () => {
    flakyControl.failuresLeft = 1;
    const { body } = await client.submit({ type: 'flaky', requiredCapabilities: ['flaky'], payload: { value: 7 }, maxRetries: 2 });
    const task = await settled(body.id);
    expect(task).toMatchObject({ status: 'completed', result: { value: 7 }, retryCount: 1 });
    expect(task.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['pending', 'assigned', 'failed', 'pending', 'assigned', 'completed']);
  });

  it('fails invalid input at once without retrying', async () => {
    const { body } = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'average', values: [] }, maxRetries: 5 });
    const task = await settled(body.id);
    expect(task).toMatchObject({ status: 'dead', retryCount: 0, error: { code: 'CapabilityInputError', retriable: false } });
  });

  it('dead-letters after maxRetries, and a redrive runs the task to completion', async () => {
    flakyControl.failuresLeft = 100;
    const { body } = await client.submit({ type: 'flaky', requiredCapabilities: ['flaky'], payload: { value: 1 }, maxRetries: 1 });
    expect(await settled(body.id)).toMatchObject({ status: 'dead', retryCount: 1 });
    const letter = await eventually('the stored dead letter', async () => {
      const { body: dlq } = await client.dlq();
      return (dlq.deadLetters as { id: string; taskId?: string }[]).find((d) => d.taskId === body.id);
    });

    flakyControl.failuresLeft = 0;
    expect((await client.redrive(letter.id)).status).toBe(200);

    expect(await settled(body.id)).toMatchObject({ status: 'completed', result: { value: 1 } });
  });

});

describe('duplicates and poison', () => {
  it('ignores a duplicate or late completion', async () => {
    const { body } = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'max', values: [4, 9] } });
    const done = await settled(body.id);
    // Signed by the agent that ran it: a genuine completion, only late and repeated.
    const late = createMessage('task.complete', { taskId: body.id, attempt: done.attempt, agent: done.assignedAgent, instanceId: 'x', durationMs: 1, outcome: 'success', result: 'late' }, { source: done.assignedAgent });

    await asAgent(harness, done.assignedAgent, async () => (await getDeps()).producer.publishAll([{ message: late }, { message: late }]));
    await new Promise((r) => setTimeout(r, 1_000));

    const after = (await client.task(body.id)).body;
    expect(after.result).toEqual(done.result);
    expect(after.events).toHaveLength(done.events.length);
  });

  it('runs a redelivered assignment only once', async () => {
    const { body } = await client.submit({ type: 'flaky', requiredCapabilities: ['flaky'], payload: { value: 3 } });
    const done = await settled(body.id);
    const runs = flakyControl.runs;
    const again = createMessage(
      'task.assign',
      {
        task: { id: body.id, type: 'flaky', priority: 5, requiredCapabilities: ['flaky'], payload: { value: 3 }, timeoutMs: 60_000, maxRetries: 3 },
        attempt: done.attempt,
        agent: 'worker-test',
        leaseExpiresAt: new Date(Date.now() + 60_000).toISOString(),
      },
      { source: 'coordination', target: 'worker-test' },
    );

    await (await getDeps()).producer.publish(again, { key: body.id });
    await new Promise((r) => setTimeout(r, 1_000));

    expect(flakyControl.runs).toBe(runs);
    expect((await client.task(body.id)).body.events).toHaveLength(done.events.length);
  });

  it('sends an unreadable record to the DLQ with its origin and reason', async () => {
    await produce(TOPICS.taskComplete, [{ value: '{oops', key: 'poison' }]);
    const letter = await eventually('the poison record in the DLQ', async () => {
      const { body } = await client.dlq();
      return (body.deadLetters as { reasonCode: string; origin: { topic: string; key?: string } }[]).find((d) => d.origin.topic === TOPICS.taskComplete && d.origin.key === 'poison');
    });
    expect(letter).toMatchObject({ reasonCode: 'invalid-json', failedBy: 'coordination-complete', origin: { partition: expect.any(Number), offset: expect.stringMatching(/^\d+$/) } });
  });
});

describe('syntor.dlq itself', () => {
  it('stores an unreadable record found on syntor.dlq once, without sending it back there', async () => {
    await produce(TOPICS.deadLetter, [{ value: 'lambda on-failure record, not an envelope', key: 'foreign' }]);
    const stored = await eventually('the foreign dead letter', async () => {
      const { body } = await client.dlq();
      const found = (body.deadLetters as { reasonCode: string; origin: { topic: string; key?: string } }[]).filter((d) => d.origin.key === 'foreign');
      return found.length > 0 ? found : undefined;
    });
    await new Promise((r) => setTimeout(r, 1_500)); // a loop would keep adding copies

    const { body } = await client.dlq();
    expect((body.deadLetters as { origin: { key?: string } }[]).filter((d) => d.origin.key === 'foreign')).toHaveLength(1);
    expect(stored[0]).toMatchObject({ reasonCode: 'foreign-dead-letter', origin: { topic: TOPICS.deadLetter } });
  });
});

describe('failover', () => {
  it('fails over a task whose agent went silent, and opens that agent\'s circuit', async () => {
    // An agent that takes work and goes silent, started only here so no other test's task lands on it.
    await runHarness(stuckAgent, { fireSchedulesOnStart: true });
    await eventually('the stuck agent to register', async () => {
      const { body: registry } = await client.agents();
      return (registry.agents as { name: string; instances: string[] }[]).some((a) => a.name === 'agent-stuck' && a.instances.length > 0) ? true : undefined;
    });

    const { body } = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'sum', values: [2, 3] }, timeoutMs: 500, maxRetries: 5 });
    const task = await settled(body.id);
    const assignedTo = task.events.filter((e: { toStatus: string }) => e.toStatus === 'assigned').map((e: { detail: { agent: string } }) => e.detail.agent);

    expect(task).toMatchObject({ status: 'completed', result: { op: 'sum', result: 5 } });
    expect(assignedTo.slice(0, 3)).toEqual(['agent-stuck', 'agent-stuck', 'agent-stuck']);
    expect(assignedTo.at(-1)).not.toBe('agent-stuck');
    expect(swallowed.length).toBeGreaterThanOrEqual(3);
    const { body: registry } = await client.agents();
    expect((registry.agents as { name: string; circuitState: string }[]).find((a) => a.name === 'agent-stuck')?.circuitState).not.toBe('closed');
    await asAgent(harness, 'agent-stuck', deregisterStuck);
  });
});
