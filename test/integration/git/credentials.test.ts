import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import gitAgent from '../../../functions/git/agent.js';
import { getConfig } from '../../../lib/config/index.js';
import { TOPICS } from '../../../lib/contracts/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import { disconnectProducers, resetHarnesses, runHarness, watchTopics, type TopicWatch } from '../harness/support.js';
import { api, eventually, resetState } from '../orchestration/support.js';
import { startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { uniqueName } from '../support/testConfig.js';

// Before any import reads the configuration (it is parsed once per process): the default token is for
// github.com only, the `local` credential for the test server, `elsewhere` for github.com.
const secrets = vi.hoisted(() => {
  const s = { token: `tok-${crypto.randomUUID()}`, defaultToken: `default-${crypto.randomUUID()}`, elsewhere: `elsewhere-${crypto.randomUUID()}` };
  process.env.SYNTOR_HTTP_ALLOW_PRIVATE = 'true';
  process.env.SYNTOR_GIT_TOKEN = s.defaultToken;
  process.env.SYNTOR_GIT_TOKEN_HOSTS = 'github.com,*.example.com';
  process.env.SYNTOR_GIT_CREDENTIALS = JSON.stringify({ local: { token: s.token, hosts: ['127.0.0.1'] }, elsewhere: { token: s.elsewhere, hosts: ['github.com'] } });
  return s;
});
const basic = (token: string) => `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

let server: GitHttpServer;
let client: ReturnType<typeof api>;
/** Every task.assign published since the test began. */
let assignments: TopicWatch;
const paths: string[] = [];

beforeAll(async () => {
  // Failed clones count against the git agent's circuit: start from none.
  await resetState();
  server = await startGitHttpServer({ token: secrets.token });
  assignments = await watchTopics([TOPICS.taskAssignment], 'it-git-credentials');
  const harness = await runHarness(coordination, { agents: [coordination, gitAgent], ports: { http: 0, metrics: false, health: false }, fireSchedulesOnStart: true });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  await eventually('the git agent to register', async () => {
    const { body } = await client.agents();
    return (body.agents as { name: string; capabilities: string[] }[]).find((a) => a.name === 'git' && a.capabilities.includes('git.clone'));
  });
});
afterAll(async () => {
  await resetHarnesses();
  await assignments?.stop();
  await disconnectProducers();
  await server?.close();
  await Promise.all(paths.map((p) => rm(join(getConfig().git.workspace, p), { recursive: true, force: true })));
});

/** Submits a git.clone of a fresh served repository and waits for it to settle. */
async function cloneTask(payload: Record<string, unknown>) {
  const name = uniqueName('repo');
  const url = await server.createRepository(name, { 'README.md': '# credentials\n' });
  const path = uniqueName('clone');
  paths.push(path);
  const submitted = await client.submit({ type: 'git.clone', requiredCapabilities: ['git.clone'], payload: { url, path, ...payload }, maxRetries: 0 });
  expect(submitted.status).toBe(201);
  const task = await eventually('the clone to settle', async () => {
    const { body } = await client.task(submitted.body.id as string);
    return ['completed', 'dead'].includes(body.status as string) ? body : undefined;
  });
  return { name, url, task };
}

describe('git credentials never leave their owner', () => {
  it('refuses a submission carrying a token, naming the field and what to send instead', async () => {
    const refused = await client.submit({ type: 'git.clone', requiredCapabilities: ['git.clone'], payload: { url: `${server.base}/x.git`, token: secrets.token } });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'payload.token', message: expect.stringContaining('send "credential" naming a configured credential') }]);
    expect(JSON.stringify(refused.body)).not.toContain(secrets.token);
  });

  it('never sends the configured token to a host it is not for, even when the server asks', async () => {
    const seenBefore = server.authorizations.length;

    const { task } = await cloneTask({});

    expect(task).toMatchObject({ status: 'dead', error: { code: 'auth-failed' } });
    expect(server.authorizations.slice(seenBefore)).not.toContain(basic(secrets.defaultToken));
    expect(server.authorizations.join('\n')).not.toContain(Buffer.from(`x-access-token:${secrets.defaultToken}`).toString('base64'));
  });

  it('clones with a named credential, whose token is in no task, assignment or dead letter', async () => {
    const { name, task } = await cloneTask({ credential: 'local' });
    const refused = await cloneTask({ credential: 'elsewhere' });

    expect(task).toMatchObject({ status: 'completed', payload: { credential: 'local' }, result: { branch: 'main', commit: (await server.log(name))[0] } });
    expect(server.authorizations).toContain(basic(secrets.token));
    expect(refused.task).toMatchObject({ status: 'dead', error: { code: 'credential-refused', message: expect.stringContaining('is not for 127.0.0.1') } });
    expect(server.authorizations.join('\n')).not.toContain(Buffer.from(`x-access-token:${secrets.elsewhere}`).toString('base64'));

    const assigned = await eventually('both assignments', async () => {
      const ids = assignments.seen.map((m) => (m.value.payload as { task: { id: string } }).task.id);
      return ids.includes(task.id as string) && ids.includes(refused.task.id as string) ? assignments.seen : undefined;
    });
    const stored = await (await getDeps()).deadLetters.list();
    const everything = JSON.stringify([
      (await client.task(task.id as string)).body,
      (await client.task(refused.task.id as string)).body,
      (await client.tasks()).body,
      assigned,
      (await client.dlq()).body,
      stored,
      stored.map((letter) => (letter.value === null ? '' : Buffer.from(letter.value, 'base64').toString())),
    ]);
    expect(stored.some((letter) => letter.taskId === refused.task.id)).toBe(true);
    for (const secret of [secrets.token, secrets.elsewhere, secrets.defaultToken]) expect(everything).not.toContain(secret);
  });
});
