import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import docsAgent from '../../../functions/docs/agent.js';
import gitAgent from '../../../functions/git/agent.js';
import workerBeta from '../../../functions/worker-beta/agent.js';
import { getConfig } from '../../../lib/config/index.js';
import { createMessage, TOPICS } from '../../../lib/contracts/index.js';
import { getDeps, sweep } from '../../../lib/orchestration/index.js';
import { pgClientConfig } from '../../../lib/store/index.js';
import { DOCS_FIXTURE_FILES } from '../../fixtures/docsRepo.js';
import { captureLog, disconnectProducers, HARNESS_TEST_BUNDLE_DIR, producer, resetHarnesses, runHarness, watchTopics, type TopicWatch } from '../harness/support.js';
import { api, eventually, resetState } from '../orchestration/support.js';
import { startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

// The git agent clones from, and worker-beta's http.request calls, servers on 127.0.0.1. Set before the
// harness starts: each execution environment's process.env is a copy made then.
process.env.SYNTOR_HTTP_ALLOW_PRIVATE = 'true';

const log = captureLog();
let client: ReturnType<typeof api>;
let gitServer: GitHttpServer;
let flaky: Server;
let flakyRequests = 0;
let url: string;
let repository: string;
let watch: TopicWatch;
let sweeping: NodeJS.Timeout;
const clonePath = uniqueName('e2e-bundles-clone');

/** Drops the first connection it gets (a retriable failure of the http.request capability), then answers. */
async function startFlakyServer(): Promise<Server> {
  const server = createServer((request, response) => {
    flakyRequests += 1;
    if (flakyRequests === 1) return void request.socket.destroy();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"attempt":"second"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  await resetState();
  gitServer = await startGitHttpServer();
  repository = uniqueName('bundled');
  url = await gitServer.createRepository(repository, DOCS_FIXTURE_FILES);
  flaky = await startFlakyServer();
  watch = await watchTopics([TOPICS.serviceResponse], 'it-bundles-e2e');
  // Every function runs its bundle, built once here, in its own execution environments, as `npm run local -- --bundles`.
  const harness = await runHarness(coordination, {
    agents: [coordination, workerBeta, gitAgent, docsAgent],
    ports: { http: 0, metrics: false, health: false },
    fireSchedulesOnStart: true,
    isolation: true,
    bundles: { dir: HARNESS_TEST_BUNDLE_DIR },
    log,
  });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  // The sweeper's schedule is a minute; a retry's backoff is a fraction of a second here.
  sweeping = setInterval(() => void getDeps().then(sweep).catch(() => undefined), 300);
  await eventually('the worker, git and docs agents to register', async () => {
    const { body } = await client.agents();
    const names = (body.agents as { name: string }[]).map((a) => a.name);
    return ['worker-beta', 'git', 'docs'].every((n) => names.includes(n)) ? names : undefined;
  });
}, 120_000);
afterAll(async () => {
  clearInterval(sweeping);
  await resetHarnesses();
  await watch?.stop();
  await disconnectProducers();
  await gitServer?.close();
  await new Promise((resolve) => flaky?.close(resolve));
  await rm(join(getConfig().git.workspace, clonePath), { recursive: true, force: true });
  const db = new pg.Client(pgClientConfig(testConfig().postgres));
  await db.connect();
  await db.query('DELETE FROM documents WHERE repository = $1', [url]).finally(() => db.end());
});

async function run(task: { type: string; payload: Record<string, unknown>; maxRetries?: number }) {
  const submitted = await client.submit({ ...task, requiredCapabilities: [task.type] });
  expect(submitted.status).toBe(201);
  return eventually(`the ${task.type} task to settle`, async () => {
    const { body } = await client.task(submitted.body.id as string);
    return ['completed', 'dead'].includes(body.status as string) ? body : undefined;
  });
}

const statusesOf = (task: Record<string, unknown>) => (task.events as { toStatus: string }[]).map((e) => e.toStatus);

describe('the real agents running their bundles', () => {
  it('runs every function from its bundle', () => {
    for (const id of ['coordination-submit', 'coordination-complete', 'worker-beta-execute', 'git-execute', 'docs-execute', 'docs-requests']) {
      expect(log.lines).toContainEqual(expect.stringMatching(new RegExp(`^bundles: ${id} runs ${HARNESS_TEST_BUNDLE_DIR}/\\w+-[0-9a-f]{16}/index\\.mjs `)));
    }
  });

  it('runs a compute task to completion, with its history', async () => {
    const task = await run({ type: 'compute', payload: { op: 'fibonacci', n: 90 } });

    expect(task).toMatchObject({ status: 'completed', assignedAgent: 'worker-beta', result: { op: 'fibonacci', result: '2880067194370816120' } });
    expect(statusesOf(task)).toEqual(['pending', 'assigned', 'completed']);
  });

  it('dead-letters bad input at once, under its explicit code', async () => {
    const task = await run({ type: 'compute', payload: { op: 'average', values: [] }, maxRetries: 5 });

    expect(task).toMatchObject({ status: 'dead', retryCount: 0, error: { code: 'CapabilityInputError', retriable: false, details: { fields: [{ path: 'values' }] } } });
    const letter = await eventually('the stored dead letter', async () => {
      const { body } = await client.dlq();
      return (body.deadLetters as { taskId?: string; reasonCode: string; reason: string }[]).find((d) => d.taskId === task.id);
    });
    expect(letter).toMatchObject({ reasonCode: 'task-rejected', reason: expect.stringMatching(/^CapabilityInputError: compute: invalid input/) });
  });

  it('retries an attempt that failed retriably, then completes', async () => {
    const { port } = flaky.address() as AddressInfo;

    const task = await run({ type: 'http.request', payload: { url: `http://127.0.0.1:${port}/flaky` }, maxRetries: 2 });

    expect(task).toMatchObject({ status: 'completed', assignedAgent: 'worker-beta', retryCount: 1, result: { status: 200, body: '{"attempt":"second"}' } });
    expect(statusesOf(task)).toEqual(['pending', 'assigned', 'failed', 'pending', 'assigned', 'completed']);
    expect(flakyRequests).toBe(2);
  });

  it('clones a repository with a git.clone task', async () => {
    const task = await run({ type: 'git.clone', payload: { url, path: clonePath } });

    expect(task).toMatchObject({ status: 'completed', assignedAgent: 'git', result: { path: clonePath, branch: 'main', commit: (await gitServer.log(repository))[0] } });
  });

  // Documents the clone the previous test made.
  it('documents the clone, then answers docs.search on syntor.services.response', async () => {
    const generated = await run({ type: 'docs.generate', payload: { repository: url, path: clonePath } });
    expect(generated).toMatchObject({ status: 'completed', assignedAgent: 'docs', result: { repository: url, removed: 0 } });

    const correlationId = randomUUID();
    await producer.publish(createMessage('service.request', { operation: 'docs.search', params: { query: 'reconcile discrepancies', repository: url } }, { source: 'it-bundles-e2e', target: 'docs', correlationId }));
    await producer.publish(createMessage('service.request', { operation: 'docs.search', params: { query: '' } }, { source: 'it-bundles-e2e', target: 'docs', correlationId: `${correlationId}-bad` }));

    const answer = await eventually('the search response', async () => watch.seen.map((m) => m.value).find((r) => r.correlationId === correlationId));
    expect(answer).toMatchObject({ source: 'docs', target: 'it-bundles-e2e', payload: { operation: 'docs.search', ok: true } });
    expect((answer.payload as { result: { results: { path: string }[] } }).result.results[0]).toMatchObject({ path: 'src/inventory.ts' });
    const refusal = await eventually('the refusal', async () => watch.seen.map((m) => m.value).find((r) => r.correlationId === `${correlationId}-bad`));
    expect(refusal).toMatchObject({ payload: { ok: false, error: { code: 'CapabilityInputError', retriable: false } } });
  });
});
