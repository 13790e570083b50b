import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchPending, getDeps, recordCompletions, type Deps } from '../../../lib/orchestration/index.js';
import { resetState } from './support.js';
import { parseSubmissions } from '../../fixtures/parsedSubmissions.js';

async function registerSink(deps: Deps) {
  await deps.agents.register({ agent: 'sink', instanceId: 'sink-1', kind: 'worker', capabilities: ['sink'], concurrency: 10, startedAt: new Date().toISOString() });
  await deps.liveness.beat('sink', 'sink-1', 60_000);
}

describe('only the agent an attempt was assigned to can end it', () => {
  beforeEach(resetState);

  it('ignores a completion from another agent, even beside the real one in the same batch', async () => {
    const deps = await getDeps();
    await registerSink(deps);
    await deps.tasks.createMany(parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'] }]), 'test');
    await dispatchPending(deps);
    const { rows } = await deps.pool.query<{ id: string }>("SELECT id FROM tasks WHERE status = 'assigned'");
    const taskId = rows[0]!.id;
    const report = { taskId, attempt: 1, instanceId: 'x-1', durationMs: 1 };
    const forged = { ...report, agent: 'impostor', outcome: 'success' as const, result: { forged: true } };
    const afterwards = { ...report, agent: 'sink', outcome: 'failure' as const, error: { code: 'late', message: 'a report after the end', retriable: true } };

    expect(await recordCompletions(deps, [forged])).toEqual({ applied: 0 });
    expect(await recordCompletions(deps, [forged, { ...report, agent: 'sink', outcome: 'success', result: { real: true } }])).toEqual({ applied: 1 });

    expect(await deps.tasks.get(taskId)).toMatchObject({ status: 'completed', result: { real: true } });
    expect(await recordCompletions(deps, [afterwards])).toEqual({ applied: 0 });
  });
});
