import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import { TOPICS } from '../../../lib/contracts/index.js';
import { startTestHarness, type TestHarness } from '../../../lib/testing/index.js';
import greeter from '../../fixtures/agents/greeter/agent.js';
import { resetState } from '../orchestration/support.js';

describe('startTestHarness, with a user\'s agent', () => {
  let h: TestHarness;
  beforeAll(async () => {
    // Agents other test files registered must not be routed this file's tasks.
    await resetState();
    h = await startTestHarness({ agents: [coordination, greeter], isolation: false });
  });
  afterAll(() => h?.stop());

  it('runs a submitted task on the agent, and sees its completion on Kafka', async () => {
    const { id } = await h.submit({ type: 'greet', payload: { name: 'Ada' } });
    const done = await h.waitForTask(id);
    expect(done).toMatchObject({ status: 'completed', assignedAgent: 'greeter', result: { greeting: 'Hello, Ada!' } });
    const record = await h.waitForRecord(TOPICS.taskComplete, (r) => (r.value as { payload?: { taskId?: string } }).payload?.taskId === id);
    expect(record.value).toMatchObject({ type: 'task.complete', source: 'greeter', payload: { taskId: id, outcome: 'success', result: { greeting: 'Hello, Ada!' } } });
  });

  it('says how a task ended when it did not end as awaited', async () => {
    const { id } = await h.submit({ type: 'greet', payload: { name: '' } });
    await expect(h.waitForTask(id)).rejects.toThrow(new RegExp(`task ${id} ended dead, not completed: .*name: a name to greet`));
  });
});
