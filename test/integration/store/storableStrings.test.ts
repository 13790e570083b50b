import { beforeEach, describe, expect, it } from 'vitest';
import { TOPICS } from '../../../lib/contracts/index.js';
import { dispatchPending, getDeps, recordCompletions, submitTasks, type Deps } from '../../../lib/orchestration/index.js';
import { resetState } from '../orchestration/support.js';
import { parseSubmissions } from '../../fixtures/parsedSubmissions.js';

// A NUL byte and lone surrogates: what an HTTP body or a git server's error text may well contain,
// and what PostgreSQL refuses in text (22021) and jsonb (22P05, 22P02).
const HOSTILE = 'before\u0000after \ud800 lone \udc00 end';
const STORED = 'before\\u0000after \\ud800 lone \\udc00 end';

async function assignedSinkTasks(deps: Deps, count: number): Promise<string[]> {
  await deps.agents.register({ agent: 'sink', instanceId: 'sink-1', kind: 'worker', capabilities: ['sink'], concurrency: 100, startedAt: new Date().toISOString() });
  await deps.liveness.beat('sink', 'sink-1', 60_000);
  await deps.tasks.createMany(parseSubmissions(Array.from({ length: count }, () => ({ type: 'sink', requiredCapabilities: ['sink'], maxRetries: 0 }))), 'test');
  await dispatchPending(deps);
  const { rows } = await deps.pool.query<{ id: string }>("SELECT id FROM tasks WHERE status = 'assigned' ORDER BY id");
  return rows.map((r) => r.id);
}

const base = { attempt: 1, agent: 'sink', instanceId: 'sink-1', durationMs: 1 };

describe('strings PostgreSQL refuses are made storable at the store boundary', () => {
  beforeEach(resetState);

  it('stores a result, an error message and a dead-letter reason with NUL and lone surrogates, beside ordinary ones in one batch', async () => {
    const deps = await getDeps();
    const [good, hostileResult, hostileError] = await assignedSinkTasks(deps, 3);

    const { applied } = await recordCompletions(deps, [
      { ...base, taskId: good!, outcome: 'success', result: { body: 'plain' } },
      { ...base, taskId: hostileResult!, outcome: 'success', result: { body: HOSTILE, [`key${HOSTILE}`]: 1 } },
      { ...base, taskId: hostileError!, outcome: 'failure', error: { code: 'http-error', message: HOSTILE, retriable: false } },
    ]);

    expect(applied).toBe(3);
    expect((await deps.tasks.get(good!))?.result).toEqual({ body: 'plain' });
    expect((await deps.tasks.get(hostileResult!))?.result).toEqual({ body: STORED, [`key${STORED}`]: 1 });
    expect(await deps.tasks.get(hostileError!)).toMatchObject({ status: 'dead', error: { message: STORED } });
    const [letter] = (await deps.deadLetters.list()).filter((l) => l.taskId === hostileError);
    expect(letter?.reason).toBe(`http-error: ${STORED}`);
  });

  it('stores a dead letter whose reason, key and details carry them', async () => {
    const deps = await getDeps();

    const stored = await deps.deadLetters.add({
      reason: HOSTILE, reasonCode: 'handler-error', origin: { topic: TOPICS.taskComplete, partition: 0, offset: '7', key: HOSTILE },
      value: null, failedBy: 'coordination-complete', failedAt: new Date().toISOString(), details: { error: HOSTILE },
    });

    expect(stored).toMatchObject({ reason: STORED, origin: { key: STORED }, details: { error: STORED } });
  });

  it('accepts a submission whose payload carries them', async () => {
    const deps = await getDeps();

    const { task, created } = (await submitTasks(deps, parseSubmissions([{ type: 'nobody-runs-this', payload: { text: HOSTILE } }]), 'test'))[0]!;

    expect(created).toBe(true);
    expect(task.payload).toEqual({ text: STORED });
  });
});
