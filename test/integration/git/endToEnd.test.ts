import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import gitAgent from '../../../functions/git/agent.js';
import { getConfig } from '../../../lib/config/index.js';
import { createMessage, TOPICS } from '../../../lib/contracts/index.js';
import { disconnectProducers, producer, resetHarnesses, runHarness, watchTopics, type TopicWatch } from '../harness/support.js';
import { api, eventually } from '../orchestration/support.js';
import { startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { uniqueName } from '../support/testConfig.js';

// Set before the harness runs the git agent, whose URL guard reads it at each request.
process.env.SYNTOR_HTTP_ALLOW_PRIVATE = 'true';

let server: GitHttpServer;
let client: ReturnType<typeof api>;
/** Every message seen on syntor.tasks.status and syntor.services.response since the test began. */
let watch: TopicWatch;
const clonePath = uniqueName('e2e-clone');

beforeAll(async () => {
  server = await startGitHttpServer();
  watch = await watchTopics([TOPICS.taskStatus, TOPICS.serviceResponse], 'it-git-e2e');
  const harness = await runHarness(coordination, { agents: [coordination, gitAgent], ports: { http: 0, metrics: false, health: false }, fireSchedulesOnStart: true });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  await eventually('the git agent to register', async () => {
    const { body } = await client.agents();
    return (body.agents as { name: string; capabilities: string[] }[]).find((a) => a.name === 'git' && a.capabilities.includes('git.clone'));
  });
});
afterAll(async () => {
  await resetHarnesses();
  await watch?.stop();
  await disconnectProducers();
  await server?.close();
  await rm(join(getConfig().git.workspace, clonePath), { recursive: true, force: true });
});

describe('the git agent under the harness', () => {
  it('runs a git.clone task to completion with the commit id, reporting progress on syntor.tasks.status', async () => {
    const name = uniqueName('repo');
    const url = await server.createRepository(name, { 'README.md': '# end to end\n' });

    const submitted = await client.submit({ type: 'git.clone', requiredCapabilities: ['git.clone'], payload: { url, path: clonePath } });
    const task = await eventually('the clone to settle', async () => {
      const { body } = await client.task(submitted.body.id);
      return ['completed', 'dead'].includes(body.status) ? body : undefined;
    });

    expect(task).toMatchObject({ status: 'completed', assignedAgent: 'git', result: { path: clonePath, branch: 'main', commit: (await server.log(name))[0] } });
    const progress = await eventually('a progress message', async () =>
      watch.seen.find((m) => m.topic === TOPICS.taskStatus && (m.value.payload as { taskId: string; state: string }).taskId === submitted.body.id && (m.value.payload as { state: string }).state === 'progress'),
    );
    expect((progress.value.payload as { message: string }).message).toMatch(/\w+: \d+/);
  });

  // Uses the clone the previous test made.
  it('answers a git.status service request on syntor.services.response with its correlation id', async () => {
    const correlationId = randomUUID();

    await producer.publish(createMessage('service.request', { operation: 'git.status', params: { path: clonePath } }, { source: 'it-git-e2e', target: 'git', correlationId }));
    await producer.publish(createMessage('service.request', { operation: 'git.status', params: { path: '../outside' } }, { source: 'it-git-e2e', target: 'git', correlationId: `${correlationId}-bad` }));

    const answer = await eventually('the response', async () => watch.seen.find((m) => m.topic === TOPICS.serviceResponse && m.value.correlationId === correlationId));
    const refusal = await eventually('the refusal', async () => watch.seen.find((m) => m.topic === TOPICS.serviceResponse && m.value.correlationId === `${correlationId}-bad`));
    expect(answer.value).toMatchObject({ source: 'git', target: 'it-git-e2e', payload: { operation: 'git.status', ok: true, result: { path: clonePath, branch: 'main', clean: true } } });
    expect(refusal.value).toMatchObject({ payload: { ok: false, error: { code: 'invalid-path', retriable: false } } });
  });
});
