import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatchPending } from '../../../lib/orchestration/dispatcher.js';
import { systemEventRecords } from '../../../lib/orchestration/systemEvents.js';
import { maybeSweep, sweep, sweepWhileBusy } from '../../../lib/orchestration/sweeper.js';
import { addAgent, createMemoryDeps, type MemoryDeps } from './memory/memoryDeps.js';

const START = Date.parse('2026-12-08T00:00:00Z');
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

/** A task assigned to a `worker` agent, then left to run past its lease (timeout 1 s plus the grace). */
async function expiredLease(deps: MemoryDeps, task: { maxRetries: number; retryCount?: number }): Promise<string> {
  await addAgent(deps, { name: 'worker', capabilities: ['compute'], concurrency: 1 });
  const id = deps.tasks.add({ type: 'compute', timeoutMs: 1_000, ...task });
  await dispatchPending(deps);
  later(1_000 + deps.config.orchestration.leaseGraceMs + 1);
  return id;
}

const events = (deps: MemoryDeps) => deps.producer.systemEvents().map((e) => `${e.event} ${e.subject}`);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sweep', () => {
  it('requeues an expired lease with retries left, counts it against the agent, and dispatches it again after the backoff', async () => {
    const deps = createMemoryDeps({ retryBaseMs: 1_000 });
    const id = await expiredLease(deps, { maxRetries: 2 });

    const sweptAt = Date.now();
    const first = await sweep(deps);
    const requeued = deps.tasks.get(id);
    later(1_000);
    const second = await sweep(deps);

    expect(first).toMatchObject({ requeued: 1, dead: 0, assigned: 0 });
    expect(requeued).toMatchObject({ status: 'pending', retryCount: 1, availableAt: new Date(sweptAt + 1_000).toISOString(), error: { code: 'lease-expired' } });
    expect(requeued.assignedAgent).toBeUndefined();
    expect(deps.agents.get('worker')!.consecutiveFailures).toBe(1);
    expect(events(deps)).toContain(`task.lease_expired ${id}`);
    expect(second.assigned).toBe(1);
    expect(deps.tasks.get(id)).toMatchObject({ status: 'assigned', attempt: 2, assignedAgent: 'worker' });
  });

  it('dead-letters an expired lease without retries left: its letter stored, its dlq.record and system events published', async () => {
    const deps = createMemoryDeps();
    const id = await expiredLease(deps, { maxRetries: 1, retryCount: 1 });

    const result = await sweep(deps);

    expect(result).toMatchObject({ requeued: 0, dead: 1 });
    expect(deps.tasks.get(id).status).toBe('dead');
    expect(deps.deadLetters.all()).toEqual([expect.objectContaining({ taskId: id, reasonCode: 'retries-exhausted', failedBy: 'worker' })]);
    expect(deps.producer.sent('dlq.record').map((m) => m.key)).toEqual([id]);
    expect(events(deps)).toEqual(expect.arrayContaining([`task.lease_expired ${id}`, `task.dead_lettered ${id}`]));
    // Its slot is free again: the next task goes straight out.
    const next = deps.tasks.add({ type: 'compute' });
    await dispatchPending(deps);
    expect(deps.tasks.get(next).assignedAgent).toBe('worker');
  });

  it('withdraws an assignment that never left the outbox when its lease runs out, retries it without counting, and blames no agent', async () => {
    const deps = createMemoryDeps();
    deps.producer.down();
    const id = await expiredLease(deps, { maxRetries: 0 });

    const whileDown = await sweep(deps);
    deps.producer.up();
    // A batch that could not be sent waits a second before a relay takes it again.
    later(1_001);
    await sweep(deps);

    expect(whileDown).toMatchObject({ requeued: 1, dead: 0 });
    expect(deps.tasks.get(id)).toMatchObject({ status: 'assigned', attempt: 2, retryCount: 0 });
    expect(deps.agents.get('worker')!.consecutiveFailures).toBe(0);
    // Only the second attempt's assignment ever reached the agent.
    expect(deps.producer.sent('task.assign').map((m) => (m.payload as { attempt: number }).attempt)).toEqual([2]);
  });

  it('half-opens the circuits whose cool-down has passed, and lets one trial task through', async () => {
    const deps = createMemoryDeps({ circuitCooldownMs: 30_000 });
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 5, circuitState: 'open', circuitChangedMsAgo: 30_001 });
    await addAgent(deps, { name: 'beta', capabilities: ['index'], concurrency: 5, circuitState: 'open', circuitChangedMsAgo: 1_000 });
    const ids = [deps.tasks.add({ type: 'compute' }), deps.tasks.add({ type: 'compute' })];

    const result = await sweep(deps);

    expect(result.halfOpened).toEqual(['alpha']);
    expect(deps.agents.get('beta')!.circuitState).toBe('open');
    expect(events(deps)).toContain('circuit.half_opened alpha');
    expect(ids.map((id) => deps.tasks.get(id).status)).toEqual(['assigned', 'pending']);
  });

  it('rebuilds the in-flight sets from the tasks, freeing the slots nothing runs in, and dispatches into them', async () => {
    const deps = createMemoryDeps();
    await addAgent(deps, { name: 'worker', capabilities: ['compute'], concurrency: 2 });
    const running = deps.tasks.add({ type: 'compute' });
    await dispatchPending(deps);
    // Slots of tasks that ended without their release (an agent that died holding them).
    await deps.inFlight.rebuild('worker', ['gone-1', 'gone-2'], 'union');
    const waiting = deps.tasks.add({ type: 'compute' });
    await dispatchPending(deps);
    const before = deps.tasks.get(waiting);

    const result = await sweep(deps);

    expect(before).toMatchObject({ status: 'pending', statusReason: 'every agent with [compute] is at its concurrency limit' });
    expect(result.assigned).toBe(1);
    expect([running, waiting].map((id) => deps.tasks.get(id).status)).toEqual(['assigned', 'assigned']);
    expect(await deps.inFlight.count('worker')).toBe(2);
  });

  it('relays the messages an outage held back in the outbox', async () => {
    const deps = createMemoryDeps();
    await deps.outbox.enqueue(systemEventRecords([{ event: 'task.redriven', subject: 'task-1' }]));

    const result = await sweep(deps);

    expect(result.relayed).toBe(1);
    expect(events(deps)).toEqual(['task.redriven task-1']);
    expect(deps.outbox.waiting()).toEqual([]);
  });
});

describe('maybeSweep', () => {
  it('sweeps at most once per interval, whichever coordinator asks', async () => {
    const deps = createMemoryDeps({ sweepIntervalMs: 5_000 });

    const first = await maybeSweep(deps);
    later(4_999);
    const tooSoon = await maybeSweep(deps);
    later(2);
    const next = await maybeSweep(deps);

    expect(first).toBeDefined();
    expect(tooSoon).toBeUndefined();
    expect(next).toBeDefined();
  });
});

describe('sweepWhileBusy', () => {
  it('sweeps once when nothing is left to move on', async () => {
    const deps = createMemoryDeps();

    const result = await sweepWhileBusy(deps, () => 60_000);

    expect(result.sweeps).toBe(1);
  });
});
