import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getConfig, type TaskLimit } from '../../../lib/config/index.js';
import { createMessage, TOPICS, type TaskSubmission } from '../../../lib/contracts/index.js';
import { answerServiceRequests, createDeps, dispatchPending, getDeps, type Deps } from '../../../lib/orchestration/index.js';
import { watchTopics, type TopicWatch } from '../harness/support.js';
import { eventually, resetState } from './support.js';
import { parseSubmissions } from '../../fixtures/parsedSubmissions.js';

const others: Deps[] = [];
afterAll(() => Promise.all(others.map((d) => d.close())));

/** A coordinator whose dispatch enforces these limits (SYNTOR_TASK_LIMITS). */
function limitedDeps(taskLimits: Record<string, TaskLimit>): Deps {
  const config = getConfig();
  const deps = createDeps({ ...config, orchestration: { ...config.orchestration, taskLimits } });
  others.push(deps);
  return deps;
}

async function registerAgent(deps: Deps, capabilities: string[], concurrency = 100) {
  await deps.agents.register({ agent: 'it-semantics', instanceId: 'it-semantics-1', kind: 'worker', capabilities, concurrency, startedAt: new Date().toISOString() });
  await deps.liveness.beat('it-semantics', 'it-semantics-1', 60_000);
}

/** The tasks created, in the order submitted. */
const create = async (deps: Deps, submissions: TaskSubmission[]) => (await deps.tasks.createMany(parseSubmissions(submissions), 'test')).map((c) => c.task);

const statusOf = async (deps: Deps, id: string) => (await deps.tasks.get(id))!;

describe('submission semantics', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await getDeps();
  });
  beforeEach(async () => {
    await resetState();
    await registerAgent(deps, ['sink', 'clone', 'other']);
  });

  it('requires the type as a capability: a task an agent cannot run waits instead of going to the least loaded', async () => {
    await deps.agents.register({ agent: 'it-other', instanceId: 'it-other-1', kind: 'worker', capabilities: ['unrelated'], concurrency: 100, startedAt: new Date().toISOString() });
    await deps.liveness.beat('it-other', 'it-other-1', 60_000);
    const [, task] = await create(deps, [{ type: 'unrelated' }, { type: 'nobody.runs.this' }]);
    if (!task) throw new Error('two tasks were submitted');
    expect(task.requiredCapabilities).toEqual(['nobody.runs.this']);
    await dispatchPending(deps);
    expect(await statusOf(deps, task.id)).toMatchObject({ status: 'pending', statusReason: expect.stringContaining('nobody.runs.this') });
  });

  it('holds a delayed task until its time, saying so, then dispatches it', async () => {
    const [task] = await create(deps, [{ type: 'sink', delayMs: 1200 }]);
    if (!task) throw new Error('a task was submitted');
    await dispatchPending(deps);
    const waiting = await statusOf(deps, task.id);
    expect(waiting).toMatchObject({ status: 'pending', statusReason: `delayed until ${waiting.availableAt}` });
    expect(Date.parse(waiting.availableAt) - Date.parse(waiting.createdAt)).toBeGreaterThanOrEqual(1100);
    await sleep(Date.parse(waiting.availableAt) - Date.now() + 50);
    await dispatchPending(deps);
    const assigned = await statusOf(deps, task.id);
    expect(assigned.status).toBe('assigned');
    expect(assigned.statusReason).toBeUndefined();
  });

  it('runs one clone per repository at a time, others alongside, and the next once a slot is free', async () => {
    const limited = limitedDeps({ clone: { concurrency: { limit: 1, key: 'repo' } } });
    const created = await limited.tasks.createMany(parseSubmissions(['a', 'a', 'b'].map((repo) => ({ type: 'clone', payload: { repo } }))), 'test');
    const [firstA, secondA, b] = created.map((c) => c.task.id) as [string, string, string];
    await dispatchPending(limited);
    expect((await statusOf(limited, firstA)).status).toBe('assigned');
    expect((await statusOf(limited, b)).status).toBe('assigned');
    expect(await statusOf(limited, secondA)).toMatchObject({ status: 'pending', statusReason: 'waiting for a concurrency slot: at most 1 "clone" tasks run at once per repo' });

    await limited.tasks.transition(firstA, { to: 'completed', from: ['assigned'], actor: 'test', changes: { leaseExpiresAt: null } });
    await eventually('the held clone to be dispatched', async () => {
      await dispatchPending(limited);
      return (await statusOf(limited, secondA)).status === 'assigned' ? true : undefined;
    }, 5_000);
  });

  it('steps past tasks held by their limits to those behind them', async () => {
    const limited = limitedDeps({ clone: { concurrency: { limit: 1 } } });
    await limited.tasks.createMany(parseSubmissions(Array.from({ length: 6 }, () => ({ type: 'clone', priority: 15 as const }))), 'test');
    const [behind] = await create(limited, [{ type: 'other', priority: 1 }]);
    if (!behind) throw new Error('a task was submitted');
    await dispatchPending(limited, { limit: 2 });
    expect((await statusOf(limited, behind.id)).status).toBe('assigned');
    const { rows } = await limited.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE type = 'clone' AND status = 'assigned'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('keeps a concurrency limit when two coordinators dispatch at once', async () => {
    const limits = { clone: { concurrency: { limit: 3 } } };
    const [a, b] = [limitedDeps(limits), limitedDeps(limits)];
    await a.tasks.createMany(parseSubmissions(Array.from({ length: 20 }, () => ({ type: 'clone' }))), 'test');
    const [one, two] = await Promise.all([dispatchPending(a, { limit: 5 }), dispatchPending(b, { limit: 5 })]);
    expect(one.assigned + two.assigned).toBe(3);
  });

  it('sends at most the rate per second, the rest on a later dispatch', async () => {
    const limited = limitedDeps({ sink: { ratePerSecond: 2 } });
    const created = await limited.tasks.createMany(parseSubmissions(Array.from({ length: 5 }, () => ({ type: 'sink' }))), 'test');
    expect((await dispatchPending(limited)).assigned).toBe(2);
    const held = await statusOf(limited, created[4]!.task.id);
    expect(held).toMatchObject({ status: 'pending', statusReason: 'waiting for the rate limit: at most 2 "sink" tasks are sent out per second' });
    await sleep(1_100);
    expect((await dispatchPending(limited)).assigned).toBe(2);
  });
});

describe('task.submit and workflow.submit with a type no agent runs', () => {
  let watch: TopicWatch;
  beforeAll(async () => {
    watch = await watchTopics([TOPICS.serviceResponse], 'it-semantics');
  });
  afterAll(() => watch.stop());

  it('are refused naming the field and the types there are, while the others are created', async () => {
    const deps = await getDeps();
    await resetState();
    await registerAgent(deps, ['sink']);
    const request = (operation: string, params: Record<string, unknown>) =>
      ({ message: createMessage('service.request', { operation, params }, { source: 'it-semantics-requester', target: 'coordination' }) });
    const requests = [
      request('task.submit', { type: 'nosuch' }),
      request('task.submit', { type: 'sink' }),
      request('workflow.submit', { steps: { a: { type: 'sink' }, b: { type: 'nosuch.either', dependsOn: ['a'] } } }),
    ];
    await answerServiceRequests(deps, requests);
    const responses = await eventually('three responses', async () => {
      const mine = watch.seen.map((s) => s.value).filter((v) => requests.some((r) => r.message.id === v.correlationId));
      return mine.length === 3 ? mine : undefined;
    });
    const byRequest = requests.map((r) => responses.find((v) => v.correlationId === r.message.id)!.payload as Record<string, unknown>);
    expect(byRequest[0]).toMatchObject({ ok: false, error: { code: 'invalid-submission', details: [{ field: 'type', message: 'no registered agent runs "nosuch"; the types they run: sink' }] } });
    expect(byRequest[1]).toMatchObject({ ok: true });
    expect(byRequest[2]).toMatchObject({ ok: false, error: { code: 'invalid-workflow', details: [{ field: 'steps.b.type' }] } });
    const { rows } = await deps.pool.query<{ type: string }>('SELECT type FROM tasks');
    expect(rows.map((r) => r.type)).toEqual(['sink']);
    expect(await deps.workflows.list({})).toHaveLength(0);
  });
});
