import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { indexCapabilities } from '../../../lib/capabilities/index.js';
import type { PayloadInput } from '../../../lib/contracts/index.js';
import { createGitCapabilities } from '../../../lib/git/index.js';
import { createKafka, createProducer } from '../../../lib/kafka/index.js';
import { createLogger } from '../../../lib/observability/index.js';
import { runAssignment } from '../../../lib/worker/runAssignment.js';
import { captureLines } from '../../unit/observability/capture.js';
import { startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

// Before any import reads the configuration (parsed once per process): tasks name these credentials.
const { TOKEN, WRONG } = vi.hoisted(() => {
  const tokens = { TOKEN: `tok-${crypto.randomUUID()}`, WRONG: `wrong-${crypto.randomUUID()}` };
  process.env.SYNTOR_GIT_CREDENTIALS = JSON.stringify({ local: { token: tokens.TOKEN, hosts: ['127.0.0.1'] }, wrong: { token: tokens.WRONG, hosts: ['127.0.0.1'] } });
  return tokens;
});
const context = { getRemainingTimeInMillis: () => 60_000, functionName: 'git-execute' } as Context;

let server: GitHttpServer;
let workspace: string;
let capabilities: ReturnType<typeof indexCapabilities>;
const producer = createProducer(createKafka(testConfig()));
const logs = captureLines();
const logger = createLogger({ level: 'debug', destination: logs });
const previousAllowPrivate = process.env.SYNTOR_HTTP_ALLOW_PRIVATE;

beforeAll(async () => {
  process.env.SYNTOR_HTTP_ALLOW_PRIVATE = 'true';
  server = await startGitHttpServer({ token: TOKEN });
  workspace = await mkdtemp(join(tmpdir(), 'syntor-git-caps-'));
  capabilities = indexCapabilities(Object.values(createGitCapabilities({ workspace: () => workspace })));
});
afterAll(async () => {
  if (previousAllowPrivate === undefined) delete process.env.SYNTOR_HTTP_ALLOW_PRIVATE;
  else process.env.SYNTOR_HTTP_ALLOW_PRIVATE = previousAllowPrivate;
  await producer.disconnect();
  await server?.close();
  await rm(workspace, { recursive: true, force: true });
});

/** Runs one `git.*` task as the git agent's worker would, returning its task.complete payload. */
function runTask(type: string, payload: Record<string, unknown>): Promise<PayloadInput<'task.complete'>> {
  return runAssignment({
    assignment: {
      task: { id: randomUUID(), type, priority: 5, requiredCapabilities: [type], payload, timeoutMs: 30_000, maxRetries: 0 },
      attempt: 1,
      agent: 'git',
      leaseExpiresAt: new Date(Date.now() + 60_000).toISOString(),
    },
    capabilities,
    instanceId: 'git-test',
    context,
    producer,
    logger,
  });
}

describe('git capabilities as tasks', () => {
  it('clones with the credential the task names, and the token appears in no result and no log line', async () => {
    const name = uniqueName('repo');
    const url = await server.createRepository(name, { 'README.md': '# caps\n' });

    const ok = await runTask('git.clone', { url, credential: 'local' });
    const anonymous = await runTask('git.clone', { url, path: uniqueName('anon') });
    const wrong = await runTask('git.clone', { url, path: uniqueName('wrong'), credential: 'wrong' });
    const status = await runTask('git.status', { path: name });

    expect(ok).toMatchObject({ outcome: 'success', result: { path: name, branch: 'main', commit: (await server.log(name))[0], updated: false } });
    expect(anonymous).toMatchObject({ outcome: 'failure', error: { code: 'auth-failed', retriable: false } });
    expect(wrong).toMatchObject({ outcome: 'failure', error: { code: 'auth-failed', retriable: false } });
    expect(status).toMatchObject({ outcome: 'success', result: { clean: true } });
    const everything = JSON.stringify([ok, anonymous, wrong, status]) + logs.text();
    expect(logs.lines.some((line) => line.msg === 'task failed')).toBe(true);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(WRONG);
    expect(everything).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
  });

  it.each([
    [{ url: 'http://127.0.0.1:1/x.git', path: '../escape' }, 'invalid-path', 'path "../escape" is refused'],
    [{ url: 'http://127.0.0.1:1/x.git', path: '/etc' }, 'invalid-path', 'path "/etc" is refused'],
    [{ url: 'file:///etc/passwd' }, 'invalid-url', 'only http and https'],
    [{ url: `https://user:${WRONG}@example.com/x.git` }, 'invalid-url', 'credentials in the URL'],
  ])('refuses %j with %s', async (payload, code, message) => {
    const outcome = await runTask('git.clone', payload);
    expect(outcome).toMatchObject({ outcome: 'failure', error: { code, retriable: false } });
    expect(outcome.outcome === 'failure' && outcome.error.message).toContain(message);
    expect(JSON.stringify(outcome)).not.toContain(WRONG);
  });

  it('fails a conflicting merge with code merge-conflict and the paths in the details', async () => {
    const name = uniqueName('repo');
    const url = await server.createRepository(name, { 'shared.txt': 'base\n' });
    await runTask('git.clone', { url, credential: 'local' });
    const dir = join(workspace, name);
    await runTask('git.branch', { path: name, name: 'other' });
    await writeFile(join(dir, 'shared.txt'), 'other\n');
    await runTask('git.commit', { path: name, message: 'other side' });
    await runTask('git.branch', { path: name, name: 'main' });
    await writeFile(join(dir, 'shared.txt'), 'main\n');
    await runTask('git.commit', { path: name, message: 'main side' });

    const merge = await runTask('git.merge', { path: name, theirs: 'other' });

    expect(merge).toMatchObject({ outcome: 'failure', error: { code: 'merge-conflict', retriable: false, details: { theirs: 'other', paths: ['shared.txt'] } } });
    expect(await runTask('git.status', { path: name })).toMatchObject({ outcome: 'success', result: { clean: true, branch: 'main' } });
  });

  it('names each bad field of an invalid payload', async () => {
    const outcome = await runTask('git.merge', { path: 'x', theirs: 'a..b', surprise: true });
    expect(outcome).toMatchObject({ outcome: 'failure', error: { code: 'CapabilityInputError', retriable: false } });
    const fields = outcome.outcome === 'failure' ? (outcome.error.details as { fields: { path: string }[] }).fields.map((f) => f.path) : [];
    expect(fields.sort()).toEqual(['', 'theirs']);
    expect(outcome.outcome === 'failure' && outcome.error.message).toContain('"surprise"');
  });
});
