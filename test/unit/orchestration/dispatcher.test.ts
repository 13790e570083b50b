import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TASK_PRIORITY } from '../../../lib/contracts/index.js';
import { dispatchPending } from '../../../lib/orchestration/dispatcher.js';
import { addAgent, createMemoryDeps, type MemoryDeps } from './memory/memoryDeps.js';

const START = Date.parse('2026-12-08T00:00:00Z');
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

const assignedTo = (deps: MemoryDeps, ids: string[]) => ids.map((id) => deps.tasks.get(id).assignedAgent ?? 'pending');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('dispatchPending', () => {
  it('assigns the highest priorities first, then the oldest, as far as each agent’s concurrency goes', async () => {
    const deps = createMemoryDeps();
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1 });
    await addAgent(deps, { name: 'beta', capabilities: ['compute'], concurrency: 2 });
    const low = deps.tasks.add({ type: 'compute', priority: TASK_PRIORITY.low });
    const older = deps.tasks.add({ type: 'compute', priority: TASK_PRIORITY.normal });
    later(1);
    const newer = deps.tasks.add({ type: 'compute', priority: TASK_PRIORITY.normal });
    const critical = deps.tasks.add({ type: 'compute', priority: TASK_PRIORITY.critical });
    const high = deps.tasks.add({ type: 'compute', priority: TASK_PRIORITY.high });

    const result = await dispatchPending(deps);

    expect(result).toEqual({ assigned: 3, unroutable: 2 });
    expect([critical, high, older].map((id) => deps.tasks.get(id).status)).toEqual(['assigned', 'assigned', 'assigned']);
    for (const id of [newer, low]) {
      expect(deps.tasks.get(id)).toMatchObject({ status: 'pending', statusReason: 'every agent with [compute] is at its concurrency limit' });
    }
    const perAgent = (agent: string) => [critical, high, older].filter((id) => deps.tasks.get(id).assignedAgent === agent).length;
    expect({ alpha: perAgent('alpha'), beta: perAgent('beta') }).toEqual({ alpha: 1, beta: 2 });
    expect({ alpha: await deps.inFlight.count('alpha'), beta: await deps.inFlight.count('beta') }).toEqual({ alpha: 1, beta: 2 });
    // Each assignment reached its agent, with a lease of the task's timeout and the grace.
    const assignments = deps.producer.sent('task.assign');
    expect(assignments.map((m) => [m.key, m.target])).toEqual(expect.arrayContaining([critical, high, older].map((id) => [id, deps.tasks.get(id).assignedAgent])));
    expect(deps.tasks.get(critical).leaseExpiresAt).toBe(new Date(Date.now() + 10_000 + deps.config.orchestration.leaseGraceMs).toISOString());
  });

  it.each([
    ['no agent has the capability', ['render', 'gpu'], false, 'no registered agent has [render, gpu]'],
    ['the only capable agent stopped heartbeating', ['compute'], true, 'no agent with [compute] is alive (alpha stopped heartbeating)'],
  ])('leaves a task pending when %s, with the reason in its status, announced once', async (_why, requiredCapabilities, silent, reason) => {
    const deps = createMemoryDeps();
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 4 });
    if (silent) later(deps.config.orchestration.agentTtlMs + 1);
    const id = deps.tasks.add({ type: requiredCapabilities[0]!, requiredCapabilities });

    await dispatchPending(deps);
    await dispatchPending(deps);

    expect(deps.tasks.get(id)).toMatchObject({ status: 'pending', statusReason: reason });
    expect(deps.producer.systemEvents()).toEqual([expect.objectContaining({ event: 'task.unroutable', subject: id, details: { reason, type: requiredCapabilities[0] } })]);
    expect(deps.producer.sent('task.assign')).toEqual([]);
  });

  it('skips an agent whose circuit is open, and names the circuit when no other agent is left', async () => {
    const deps = createMemoryDeps();
    await addAgent(deps, { name: 'alpha', capabilities: ['compute', 'index'], concurrency: 5, circuitState: 'open' });
    await addAgent(deps, { name: 'beta', capabilities: ['compute'], concurrency: 5 });
    const computes = [deps.tasks.add({ type: 'compute' }), deps.tasks.add({ type: 'compute' }), deps.tasks.add({ type: 'compute' })];
    const index = deps.tasks.add({ type: 'index' });

    await dispatchPending(deps);

    expect(assignedTo(deps, computes)).toEqual(['beta', 'beta', 'beta']);
    expect(deps.tasks.get(index)).toMatchObject({ status: 'pending', statusReason: 'the circuit of every agent with [index] is open (alpha)' });
  });

  it('lets one trial task through a half-open circuit', async () => {
    const deps = createMemoryDeps();
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 5, circuitState: 'half_open' });
    const ids = [deps.tasks.add({ type: 'compute' }), deps.tasks.add({ type: 'compute' })];

    await dispatchPending(deps);

    expect(assignedTo(deps, ids)).toEqual(['alpha', 'pending']);
    expect(deps.tasks.get(ids[1]!).statusReason).toBe('the circuit of every agent with [compute] is open (alpha)');
  });

  it('holds a task over its concurrency limit per key, sends the other keys alongside, and steps past it to the tasks behind', async () => {
    const deps = createMemoryDeps({ taskLimits: { clone: { concurrency: { limit: 1, key: 'repo' } } } });
    await addAgent(deps, { name: 'worker', capabilities: ['clone', 'compute'], concurrency: 10 });
    const first = deps.tasks.add({ type: 'clone', priority: TASK_PRIORITY.critical, payload: { repo: 'a' } });
    const second = deps.tasks.add({ type: 'clone', priority: TASK_PRIORITY.critical, payload: { repo: 'a' } });
    const otherRepo = deps.tasks.add({ type: 'clone', priority: TASK_PRIORITY.high, payload: { repo: 'b' } });
    const behind = deps.tasks.add({ type: 'compute', priority: TASK_PRIORITY.low });

    // One task per claim: the held one must not stop the claims behind it.
    const result = await dispatchPending(deps, { limit: 1 });

    expect(result).toEqual({ assigned: 3, unroutable: 1 });
    expect(assignedTo(deps, [first, otherRepo, behind])).toEqual(['worker', 'worker', 'worker']);
    expect(deps.tasks.get(second)).toMatchObject({
      status: 'pending',
      statusReason: 'waiting for a concurrency slot: at most 1 "clone" tasks run at once per repo',
      availableAt: new Date(START + 1_000).toISOString(),
    });
    // Waiting on a limit is what was asked for, not a problem to announce.
    expect(deps.producer.systemEvents()).toEqual([]);
  });

  it('holds a task over its rate limit until the window has passed', async () => {
    const deps = createMemoryDeps({ taskLimits: { notify: { ratePerSecond: 1 } } });
    await addAgent(deps, { name: 'worker', capabilities: ['notify'], concurrency: 10 });
    const ids = [deps.tasks.add({ type: 'notify' }), deps.tasks.add({ type: 'notify' })];

    await dispatchPending(deps);
    const held = deps.tasks.get(ids[1]!);
    later(1_001);
    await dispatchPending(deps);

    expect(held).toMatchObject({ status: 'pending', statusReason: 'waiting for the rate limit: at most 1 "notify" tasks are sent out per second' });
    expect(assignedTo(deps, ids)).toEqual(['worker', 'worker']);
  });

  it('takes turns among the agents under round-robin, the turn carried from one dispatch to the next', async () => {
    const deps = createMemoryDeps({ routingStrategy: 'round-robin' });
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 10 });
    await addAgent(deps, { name: 'beta', capabilities: ['compute'], concurrency: 10 });

    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      ids.push(deps.tasks.add({ type: 'compute' }));
      await dispatchPending(deps);
    }

    const agents = assignedTo(deps, ids);
    expect(agents[0]).not.toBe(agents[1]);
    expect(agents).toEqual([agents[0], agents[1], agents[0], agents[1]]);
  });

  it('never reads a lost in-flight set as free capacity: it is rebuilt from the tasks first', async () => {
    const deps = createMemoryDeps();
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1 });
    const running = deps.tasks.add({ type: 'compute' });
    await dispatchPending(deps);
    deps.inFlight.lose();
    const next = deps.tasks.add({ type: 'compute' });

    await dispatchPending(deps);

    expect(assignedTo(deps, [running, next])).toEqual(['alpha', 'pending']);
    expect(await deps.inFlight.count('alpha')).toBe(1);
  });

  it('restores liveness from the registry’s heartbeats after it was lost, rather than seeing every agent dead', async () => {
    const deps = createMemoryDeps();
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1 });
    deps.liveness.lose();
    const id = deps.tasks.add({ type: 'compute' });

    await dispatchPending(deps);

    expect(assignedTo(deps, [id])).toEqual(['alpha']);
    expect(await deps.liveness.aliveInstances('alpha')).toEqual(['alpha-1']);
  });
});
