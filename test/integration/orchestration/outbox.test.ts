import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getConfig, type SyntorConfig } from '../../../lib/config/index.js';
import { dependencyOutage } from '../../../lib/errors/dependencyOutage.js';
import { createDeps, dispatchPending, getDeps, recordCompletions, relayOutbox, submitTasks, sweep, type Deps } from '../../../lib/orchestration/index.js';
import { enqueueOutbox } from '../../../lib/store/index.js';
import { eventually, resetState } from './support.js';
import { parseSubmissions } from '../../fixtures/parsedSubmissions.js';

// Clients pointed at ports where nothing listens: a broker or a cache that is down.
const NOWHERE = 1;
const opened: Deps[] = [];
// kafkajs retries a refused connection for a while; a quick retry is enough to see the outage (an idempotent producer needs at least one).
const QUICK_FAILURE = { retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 }, connectionTimeout: 300 };
afterAll(() => Promise.all(opened.map((d) => d.close().catch(() => undefined))));

function depsWith(change: (config: SyntorConfig) => SyntorConfig): Deps {
  const deps = createDeps(change(getConfig()), { kafka: QUICK_FAILURE, redisTls: false });
  opened.push(deps);
  return deps;
}
const brokerDown = () => depsWith((c) => ({ ...c, kafka: { ...c.kafka, brokers: [`127.0.0.1:${NOWHERE}`] } }));
const redisDown = () => depsWith((c) => ({ ...c, redis: { ...c.redis, port: NOWHERE } }));

async function registerSink(deps: Deps, concurrency = 10) {
  await deps.agents.register({ agent: 'sink', instanceId: 'sink-1', kind: 'worker', capabilities: ['sink'], concurrency, startedAt: new Date().toISOString() });
  await deps.liveness.beat('sink', 'sink-1', 60_000);
}

async function outboxRows(deps: Deps, taskId?: string) {
  const { rows } = await deps.pool.query<{ topic: string; task_id: string | null; attempt: number | null }>(
    'SELECT topic, task_id, attempt FROM outbox WHERE $1::uuid IS NULL OR task_id = $1 OR value LIKE $2 ORDER BY id',
    [taskId ?? null, `%${taskId ?? ''}%`],
  );
  return rows;
}

async function taskRow(deps: Deps, id: string) {
  const { rows } = await deps.pool.query<{ status: string; attempt: number; retry_count: number; error: { code: string } | null }>('SELECT * FROM tasks WHERE id = $1', [id]);
  return rows[0]!;
}

describe('the outbox: nothing stranded between PostgreSQL and Kafka', () => {
  beforeEach(resetState);

  it('acknowledges a submission while the broker is down; the assignment waits in the outbox and follows when it returns', async () => {
    const healthy = await getDeps();
    await registerSink(healthy);
    const down = brokerDown();

    const started = Date.now();
    const [submitted] = await submitTasks(down, parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'] }]), 'test');

    const { task, created } = submitted!;
    expect(created).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await taskRow(healthy, task.id)).toMatchObject({ status: 'assigned', attempt: 1 });
    expect(await outboxRows(healthy, task.id)).toEqual([{ topic: 'syntor.tasks.assignment', task_id: task.id, attempt: 1 }]);

    // The broken relay lets its claim go after a failed send; a healthy one then sends the row.
    const relayed = await eventually('a relay to send the assignment', async () => {
      const { sent } = await relayOutbox(healthy);
      return sent > 0 ? sent : undefined;
    });

    expect(relayed).toBeGreaterThanOrEqual(1);
    expect(await outboxRows(healthy, task.id)).toEqual([]);
  });

  it('withdraws an assignment that never left the outbox when its lease runs out, without blaming the agent', async () => {
    const healthy = await getDeps();
    await registerSink(healthy);
    const down = brokerDown();
    const { task } = (await submitTasks(down, parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'], timeoutMs: 100 }]), 'test'))[0]!;
    await healthy.pool.query("UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [task.id]);

    await sweep(down);

    expect(await taskRow(healthy, task.id)).toMatchObject({ status: 'assigned', attempt: 2, retry_count: 0 });
    const events = await healthy.tasks.events(task.id);
    expect(events.map((e) => e.toStatus)).toEqual(['pending', 'assigned', 'failed', 'pending', 'assigned']);
    expect(events[2]!.detail).toMatchObject({ error: { code: 'assignment-undelivered' } });
    expect((await outboxRows(healthy, task.id)).filter((r) => r.task_id === task.id)).toEqual([{ topic: 'syntor.tasks.assignment', task_id: task.id, attempt: 2 }]);
    expect((await healthy.agents.get('sink'))?.consecutiveFailures ?? 0).toBe(0);
  });

  it('settles a failure in the transaction that records it: Redis failing afterwards leaves no task stuck in failed', async () => {
    const healthy = await getDeps();
    await registerSink(healthy);
    await healthy.tasks.createMany(parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'], maxRetries: 0 }]), 'test');
    await dispatchPending(healthy);
    const { rows } = await healthy.pool.query<{ id: string }>("SELECT id FROM tasks WHERE status = 'assigned'");
    const taskId = rows[0]!.id;
    const completion = { taskId, attempt: 1, agent: 'sink', instanceId: 'sink-1', durationMs: 1, outcome: 'failure' as const, error: { code: 'boom', message: 'it broke', retriable: true } };

    const failure = await recordCompletions(redisDown(), [completion]).then(() => undefined, (error: unknown) => error);

    expect(dependencyOutage(failure)).toBe('redis');
    expect(await taskRow(healthy, taskId)).toMatchObject({ status: 'dead' });
    const letters = await healthy.deadLetters.list();
    expect(letters.filter((l) => l.taskId === taskId)).toHaveLength(1);
    expect((await outboxRows(healthy, taskId)).map((r) => r.topic)).toEqual(['syntor.dlq', 'syntor.system.events']);

    // The trigger redelivers the batch: nothing applies twice, and the dead task can be redriven.
    expect(await recordCompletions(healthy, [completion])).toEqual({ applied: 0 });
    expect(await healthy.tasks.events(taskId)).toHaveLength(4);
  });
});

describe('the outbox never lets one bad row hold up the others', () => {
  beforeEach(resetState);

  it('moves a row the broker refuses to the dead letters and sends the rows behind it', async () => {
    const deps = await getDeps();
    const good = (n: number) => ({ topic: 'syntor.system.events', key: `k${n}`, value: JSON.stringify({ n }), headers: {} });
    // A record past the broker's limit: written by hand, as encodeRecord would refuse to make it.
    const huge = { topic: 'syntor.system.events', key: 'huge', value: 'x'.repeat(2 * 1024 * 1024), headers: {} };
    await enqueueOutbox(deps.pool, [good(1), huge, good(2)]);

    const { sent } = await relayOutbox(deps);

    expect(sent).toBe(2);
    expect(await outboxRows(deps)).toEqual([]);
    const [letter] = (await deps.deadLetters.list()).filter((l) => l.reasonCode === 'outbox-undeliverable');
    expect(letter).toMatchObject({ origin: { topic: 'syntor.system.events', key: 'huge' }, failedBy: 'coordination-outbox' });
  });
});
