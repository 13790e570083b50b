import { afterAll, describe, expect, it } from 'vitest';
import { createAgentStore, createDeadLetterStore, createPool } from '../../../lib/store/index.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

describe('dead letter store', () => {
  const pool = createPool(testConfig().postgres);
  const deadLetters = createDeadLetterStore(pool);
  afterAll(() => pool.end());

  it('keeps a dead letter with its reason and origin, and counts redrives', async () => {
    const stored = await deadLetters.add({
      reason: 'value is not valid JSON',
      reasonCode: 'invalid-json',
      origin: { topic: 'syntor.tasks.complete', partition: 1, offset: '9007199254740991', key: 'k' },
      value: Buffer.from('{oops').toString('base64'),
      failedBy: 'coordination-complete',
      failedAt: new Date().toISOString(),
    });

    expect(await deadLetters.get(stored.id)).toMatchObject({
      reasonCode: 'invalid-json',
      origin: { topic: 'syntor.tasks.complete', partition: 1, offset: '9007199254740991', key: 'k' },
      redriveCount: 0,
    });
    expect(await deadLetters.markRedriven(stored.id)).toBe(true);
    expect((await deadLetters.get(stored.id))?.redriveCount).toBe(1);
    expect((await deadLetters.list()).map((d) => d.id)).toContain(stored.id);
  });
});

describe('agent store', () => {
  const pool = createPool(testConfig().postgres);
  const agents = createAgentStore(pool);
  afterAll(() => pool.end());

  const register = (agent: string, capabilities = ['compute']) =>
    agents.register({ agent, instanceId: 'i-1', kind: 'worker', capabilities, concurrency: 4, startedAt: new Date().toISOString() });

  it('registers an agent and refreshes its capabilities on the next start', async () => {
    const name = uniqueName('worker');
    await register(name, ['compute']);
    const again = await register(name, ['compute', 'data.transform']);

    expect(again).toMatchObject({ name, capabilities: ['compute', 'data.transform'], circuitState: 'closed' });
  });

  it('moves the circuit conditionally and counts consecutive failures', async () => {
    const name = uniqueName('worker');
    await register(name);

    expect(await agents.recordOutcomes(name, false, 1)).toBe(1);
    expect(await agents.recordOutcomes(name, false, 1)).toBe(2);
    expect(await agents.setCircuit(name, 'open', ['closed'])).toBe(true);
    expect(await agents.setCircuit(name, 'open', ['closed'])).toBe(false);
    expect(await agents.setCircuit(name, 'closed', ['open', 'half_open'])).toBe(true);
    expect(await agents.get(name)).toMatchObject({ circuitState: 'closed', consecutiveFailures: 0 });
  });
});
