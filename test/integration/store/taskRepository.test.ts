import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool, createTaskRepository, StoreIllegalTransitionError } from '../../../lib/store/index.js';
import { parseSubmissions } from '../../fixtures/parsedSubmissions.js';
import { testConfig } from '../support/testConfig.js';

describe('task repository', () => {
  const pool = createPool(testConfig().postgres);
  const tasks = createTaskRepository(pool);
  afterAll(() => pool.end());

  const submitOne = async (submission: Parameters<typeof parseSubmissions>[0][number]) => (await tasks.createMany(parseSubmissions([submission]), 'test'))[0]!;
  const submit = () => submitOne({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'sum' } });

  it('persists a submission as pending with defaults and a created event', async () => {
    const { task, created } = await submit();

    expect(created).toBe(true);
    expect(task).toMatchObject({ status: 'pending', priority: 5, retryCount: 0, maxRetries: 3, attempt: 0 });
    expect(await tasks.get(task.id)).toEqual(task);
    expect(await tasks.events(task.id)).toMatchObject([{ fromStatus: null, toStatus: 'pending', actor: 'test' }]);
  });

  it('returns the same task for the same idempotency key instead of a duplicate', async () => {
    const idempotencyKey = randomUUID();
    const first = await submitOne({ type: 'compute', idempotencyKey });
    const second = await submitOne({ type: 'compute', idempotencyKey, priority: 15 });

    expect(second).toEqual({ task: first.task, created: false });
  });

  it('moves through the lifecycle and records each step in order', async () => {
    const { task } = await submit();
    const lease = new Date(Date.now() + 30_000);

    const assigned = await tasks.transition(task.id, { to: 'assigned', actor: 'coordination', changes: { assignedAgent: 'worker', newAttempt: true, leaseExpiresAt: lease } });
    const running = await tasks.transition(task.id, { to: 'running', attempt: 1, actor: 'worker' });
    const completed = await tasks.transition(task.id, { to: 'completed', attempt: 1, actor: 'worker', changes: { result: { sum: 3 }, leaseExpiresAt: null } });

    expect(assigned).toMatchObject({ applied: true, from: 'pending', task: { status: 'assigned', attempt: 1, assignedAgent: 'worker' } });
    expect(running).toMatchObject({ applied: true, from: 'assigned' });
    expect(completed).toMatchObject({ applied: true, task: { status: 'completed', result: { sum: 3 } } });
    if (completed.applied) {
      expect(completed.task.completedAt).toBeDefined();
      expect(completed.task.leaseExpiresAt).toBeUndefined();
    }
    expect((await tasks.events(task.id)).map((e) => `${e.fromStatus}→${e.toStatus}@${e.attempt}`)).toEqual([
      'null→pending@0',
      'pending→assigned@1',
      'assigned→running@1',
      'running→completed@1',
    ]);
  });

  it('refuses a duplicate transition and changes nothing', async () => {
    const { task } = await submit();
    await tasks.transition(task.id, { to: 'assigned', actor: 'c', changes: { newAttempt: true } });

    const duplicate = await tasks.transition(task.id, { to: 'assigned', actor: 'c', changes: { newAttempt: true } });

    expect(duplicate).toMatchObject({ applied: false, reason: 'status-mismatch', task: { status: 'assigned', attempt: 1 } });
    expect(await tasks.events(task.id)).toHaveLength(2);
  });

  it('refuses a late completion of an earlier attempt', async () => {
    const { task } = await submit();
    await tasks.transition(task.id, { to: 'assigned', actor: 'c', changes: { newAttempt: true } });
    await tasks.transition(task.id, { to: 'pending', actor: 'sweeper', changes: { countRetry: true } }); // lease expired
    await tasks.transition(task.id, { to: 'assigned', actor: 'c', changes: { newAttempt: true } });

    const late = await tasks.transition(task.id, { to: 'completed', attempt: 1, actor: 'worker', changes: { result: 'old' } });

    expect(late).toMatchObject({ applied: false, reason: 'stale-attempt', task: { status: 'assigned', attempt: 2, retryCount: 1 } });
  });

  it('says not-found for an unknown task', async () => {
    expect(await tasks.transition(randomUUID(), { to: 'cancelled', actor: 'api' })).toEqual({ applied: false, reason: 'not-found' });
  });

  it.each([
    ['completed', 'running'],
    ['cancelled', 'pending'],
  ] as const)('throws on a transition the lifecycle never allows (%s → %s)', async (from, to) => {
    const { task } = await submit();
    await expect(tasks.transition(task.id, { to, from: [from], actor: 'bug' })).rejects.toThrow(StoreIllegalTransitionError);
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const { task } = await submit();

    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        tasks.transition(task.id, { to: 'assigned', actor: `coordinator-${i}`, changes: { newAttempt: true, assignedAgent: `agent-${i}` } }),
      ),
    );

    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect((await tasks.get(task.id))?.attempt).toBe(1);
    expect(await tasks.events(task.id)).toHaveLength(2);
  });

  it('extends the lease only for the current attempt of an in-flight task', async () => {
    const { task } = await submit();
    const lease = new Date(Date.now() + 1_000);
    await tasks.transition(task.id, { to: 'assigned', actor: 'c', changes: { newAttempt: true, leaseExpiresAt: lease } });

    const stale = await tasks.touch([{ taskId: task.id, attempt: 2, state: 'progress' }], 0, 'worker');
    const current = await tasks.touch([{ taskId: task.id, attempt: 1, state: 'progress' }], 0, 'worker');

    expect(stale).toEqual({ extended: 0, started: [] });
    expect(current).toEqual({ extended: 1, started: [] });
    const after = (await tasks.get(task.id))!;
    expect(after.status).toBe('assigned');
    expect(Date.parse(after.leaseExpiresAt!)).toBeGreaterThan(lease.getTime() + 30_000);
  });

  it('starts an assigned task on its running heartbeat, once, with its history', async () => {
    const { task } = await submit();
    await tasks.transition(task.id, { to: 'assigned', actor: 'c', changes: { newAttempt: true, leaseExpiresAt: new Date(Date.now() + 1_000) } });

    const first = await tasks.touch([{ taskId: task.id, attempt: 1, state: 'running' }], 0, 'worker');
    const again = await tasks.touch([{ taskId: task.id, attempt: 1, state: 'running' }], 0, 'worker');

    expect(first).toEqual({ extended: 1, started: [task.id] });
    expect(again).toEqual({ extended: 1, started: [] });
    expect((await tasks.events(task.id)).map((e) => `${e.fromStatus}→${e.toStatus}@${e.attempt}`)).toEqual(['null→pending@0', 'pending→assigned@1', 'assigned→running@1']);
  });

  it('redrives only a dead task, with its history', async () => {
    const { task } = await submit();
    const refused = await tasks.redrive(randomUUID(), task.id, 'api', []);
    await pool.query("UPDATE tasks SET status = 'dead' WHERE id = $1", [task.id]);

    const redriven = await tasks.redrive(randomUUID(), task.id, 'api', []);

    expect(refused).toEqual({ applied: false, status: 'pending' });
    expect(redriven).toMatchObject({ applied: true, task: { status: 'pending', retryCount: 0 } });
    expect((await tasks.events(task.id)).at(-1)).toMatchObject({ fromStatus: 'dead', toStatus: 'pending' });
  });

  it('lists tasks by status', async () => {
    const { task } = await submit();
    await tasks.transition(task.id, { to: 'cancelled', actor: 'api' });

    const cancelled = await tasks.list({ status: 'cancelled' });

    expect(cancelled.map((t) => t.id)).toContain(task.id);
    expect(cancelled.every((t) => t.status === 'cancelled')).toBe(true);
  });

  it('keeps the history append-only', async () => {
    const { task } = await submit();
    await expect(pool.query("UPDATE task_events SET actor = 'forger' WHERE task_id = $1", [task.id])).rejects.toThrow(/append-only/);
  });
});
