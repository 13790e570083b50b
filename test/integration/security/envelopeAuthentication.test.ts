import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../../functions/index.js';
import { createMessage } from '../../../lib/contracts/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import type { RunningHarness } from '../../../local/harness/harness.js';
import { stuckAgent } from '../../fixtures/agents/testWorkers/manifests.js';
import { asAgent } from '../../fixtures/asAgent.js';
import { disconnectProducers, resetHarnesses, runHarness } from '../harness/support.js';
import { api, eventually, resetState } from '../orchestration/support.js';

/**
 * A compromised worker may write the topics its manifest lets it write, but only in its own name:
 * every record is signed with its agent's key, and the coordinator hears a completion, a status or a
 * registration only from the agent it speaks for.
 */
let harness: RunningHarness;
let client: ReturnType<typeof api>;

const coordination = agents.find((a) => a.name === 'coordination')!;
const alpha = agents.find((a) => a.name === 'worker-alpha')!;

beforeAll(async () => {
  await resetState();
  // Execution environments as in `npm run local`: each function signs with the key its environment got.
  harness = await runHarness(coordination, { agents: [coordination, alpha, stuckAgent], ports: { http: 0, metrics: false, health: false }, fireSchedulesOnStart: true, isolation: true });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  await eventually('the workers to register', async () => {
    const { body } = await client.agents();
    const names = (body.agents as { name: string }[]).map((a) => a.name);
    return ['worker-alpha', 'agent-stuck'].every((n) => names.includes(n)) ? names : undefined;
  }, 60_000);
}, 90_000);
afterAll(async () => {
  await resetHarnesses();
  await disconnectProducers();
});

/** A compute task that landed on agent-stuck (one that went to worker-alpha completes, and another is tried). */
async function heldByStuckAgent() {
  for (let tries = 0; tries < 10; tries += 1) {
    const { body } = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'sum', values: [1, tries] }, timeoutMs: 60_000 });
    const task = await eventually('the task assigned', async () => {
      const { body: found } = await client.task(body.id);
      return ['assigned', 'running', 'completed'].includes(found.status) ? found : undefined;
    });
    if (task.assignedAgent === 'agent-stuck' && task.status === 'assigned') return task;
  }
  throw new Error('no compute task was routed to agent-stuck in 10 tries');
}

type Letter = { reasonCode: string; reason: string; failedBy: string; origin: { topic: string; key?: string } };
const lettersAbout = async (key: string) => ((await client.dlq()).body.deadLetters as Letter[]).filter((d) => d.origin.key === key);

describe('envelopes signed by the agent they speak for', () => {
  it('run a task end to end, every hop signed in its execution environment', async () => {
    // data.transform: worker-alpha's alone, so agent-stuck cannot swallow it.
    const { body } = await client.submit({ type: 'data.transform', requiredCapabilities: ['data.transform'], payload: { records: [{ n: 42 }], steps: [{ type: 'rename', fields: { n: 'answer' } }] } });
    const done = await eventually('the task to complete', async () => {
      const { body: task } = await client.task(body.id);
      return task.status === 'completed' ? task : undefined;
    });
    expect(done.result).toMatchObject({ records: [{ answer: 42 }] });
    expect(((await client.dlq()).body.deadLetters as Letter[]).filter((d) => d.reasonCode === 'unauthenticated')).toEqual([]);
  });

  it('refuse a completion nobody signed, or one signed by another agent, and hear the genuine one', async () => {
    // Prepare: a task held by the agent that swallows its assignments (ties go to it: its name sorts first)
    const held = await heldByStuckAgent();
    const body = { id: held.id as string };
    const completion = (result: string) =>
      createMessage('task.complete', { taskId: body.id, attempt: held.attempt, agent: 'agent-stuck', instanceId: 'agent-stuck-x', durationMs: 1, outcome: 'success', result }, { source: 'agent-stuck' });
    const { producer } = await getDeps();

    // Act: unsigned, then signed by worker-alpha in agent-stuck's name
    await producer.publish(completion('unsigned'), { key: body.id });
    await asAgent(harness, 'worker-alpha', () => producer.publish(completion('forged by worker-alpha'), { key: body.id }));
    const letters = await eventually('both refused', async () => ((await lettersAbout(body.id)).length === 2 ? lettersAbout(body.id) : undefined));

    // Assess
    expect(letters.map((l) => [l.reasonCode, l.failedBy])).toEqual([
      ['unauthenticated', 'coordination-complete'],
      ['unauthenticated', 'coordination-complete'],
    ]);
    expect(letters.map((l) => l.reason)).toEqual(
      expect.arrayContaining([
        'coordination-complete refused a "task.complete" from "agent-stuck": the record has no syntor-signature header',
        'coordination-complete refused a "task.complete" from "agent-stuck": it is signed by "worker-alpha" but says it comes from "agent-stuck"',
      ]),
    );
    expect((await client.task(body.id)).body).toMatchObject({ status: 'assigned' });

    // The same completion signed by agent-stuck itself is heard: the signature is all that stopped the others.
    await asAgent(harness, 'agent-stuck', () => producer.publish(completion('genuine'), { key: body.id }));
    const settled = await eventually('the genuine completion', async () => {
      const { body: task } = await client.task(body.id);
      return task.status === 'completed' ? task : undefined;
    });
    expect(settled.result).toBe('genuine');
  });

  it('refuse a worker registering as the git agent', async () => {
    const claim = createMessage('agent.register', { agent: 'git', instanceId: 'git-forged', kind: 'service', capabilities: ['git.clone'], concurrency: 1, startedAt: new Date().toISOString() }, { source: 'git' });
    await asAgent(harness, 'worker-alpha', async () => (await getDeps()).producer.publish(claim, { key: 'git-forged' }));

    const letters = await eventually('the refused registration', async () => {
      const found = await lettersAbout('git-forged');
      return found.length > 0 ? found : undefined;
    });
    expect(letters[0]).toMatchObject({ reasonCode: 'unauthenticated', failedBy: 'coordination-registry' });
    expect(((await client.agents()).body.agents as { name: string }[]).map((a) => a.name)).not.toContain('git');
  });

  it('give a task submitted on Kafka to the agent that asked for it, and refuse an unsigned request', async () => {
    const submit = (key: string) =>
      createMessage('service.request', { operation: 'task.submit', params: { type: 'data.transform', requiredCapabilities: ['data.transform'], payload: { records: [], steps: [] }, idempotencyKey: key } }, { source: 'ops-bot', target: 'coordination', correlationId: key });
    const { producer, pool } = await getDeps();
    const signedKey = `kafka-signed-${Date.now()}`;
    const unsignedKey = `kafka-unsigned-${Date.now()}`;

    await asAgent(harness, 'ops-bot', () => producer.publish(submit(signedKey), { key: signedKey }));
    await producer.publish(submit(unsignedKey), { key: unsignedKey });

    const owner = await eventually('the signed submission stored', async () => (await pool.query<{ submitted_by: string }>('SELECT submitted_by FROM tasks WHERE idempotency_key = $1', [signedKey])).rows[0]?.submitted_by);
    expect(owner).toBe('kafka:ops-bot');
    const refused = await eventually('the unsigned submission refused', async () => {
      const found = await lettersAbout(unsignedKey);
      return found.length > 0 ? found : undefined;
    });
    expect(refused[0]).toMatchObject({ reasonCode: 'unauthenticated', failedBy: 'coordination-requests' });
    expect((await pool.query('SELECT 1 FROM tasks WHERE idempotency_key = $1', [unsignedKey])).rowCount).toBe(0);
  });
});
