import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import docsAgent from '../../../functions/docs/agent.js';
import gitAgent from '../../../functions/git/agent.js';
import { getConfig } from '../../../lib/config/index.js';
import { createMessage, TOPICS } from '../../../lib/contracts/index.js';
import { pgClientConfig } from '../../../lib/store/index.js';
import { DOCS_FIXTURE_FILES } from '../../fixtures/docsRepo.js';
import { disconnectProducers, producer, resetHarnesses, runHarness, watchTopics, type TopicWatch } from '../harness/support.js';
import { api, eventually } from '../orchestration/support.js';
import { startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

// The git agent clones from the local git server on 127.0.0.1; its URL guard reads this per request.
process.env.SYNTOR_HTTP_ALLOW_PRIVATE = 'true';

let server: GitHttpServer;
let client: ReturnType<typeof api>;
/** Every response on syntor.services.response since the test began. */
let watch: TopicWatch;
let url: string;
const clonePath = uniqueName('e2e-docs-clone');

beforeAll(async () => {
  server = await startGitHttpServer();
  url = await server.createRepository(uniqueName('inventory'), DOCS_FIXTURE_FILES);
  watch = await watchTopics([TOPICS.serviceResponse], 'it-docs-e2e');
  const harness = await runHarness(coordination, { agents: [coordination, gitAgent, docsAgent], ports: { http: 0, metrics: false, health: false }, fireSchedulesOnStart: true });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  await eventually('the git and docs agents to register', async () => {
    const { body } = await client.agents();
    const agents = body.agents as { name: string; capabilities: string[] }[];
    return agents.some((a) => a.name === 'git') && agents.find((a) => a.name === 'docs' && a.capabilities.includes('docs.generate')) ? true : undefined;
  });
});
afterAll(async () => {
  await resetHarnesses();
  await watch?.stop();
  await disconnectProducers();
  await server?.close();
  await rm(join(getConfig().git.workspace, clonePath), { recursive: true, force: true });
  await rm(join(getConfig().git.workspace, `${clonePath}-workflow`), { recursive: true, force: true });
  const db = new pg.Client(pgClientConfig(testConfig().postgres));
  await db.connect();
  await db.query('DELETE FROM documents WHERE repository = ANY($1)', [[url, `${url}#workflow`]]).finally(() => db.end());
});

async function run(type: string, payload: Record<string, unknown>) {
  const submitted = await client.submit({ type, requiredCapabilities: [type], payload });
  return eventually(`the ${type} task to settle`, async () => {
    const { body } = await client.task(submitted.body.id);
    return ['completed', 'dead'].includes(body.status) ? body : undefined;
  });
}

describe('the documentation agent under the harness', () => {
  it('documents a clone made by a git.clone task, then answers docs.search on syntor.services.response', async () => {
    const clone = await run('git.clone', { url, path: clonePath });
    expect(clone).toMatchObject({ status: 'completed', assignedAgent: 'git' });

    const generated = await run('docs.generate', { repository: url, path: clonePath });
    expect(generated).toMatchObject({ status: 'completed', assignedAgent: 'docs', result: { repository: url, commit: clone.result.commit, removed: 0 } });
    expect((generated.result.documents as { path: string }[]).map((d) => d.path)).toEqual(['greet', 'lib/format.js', 'src/inventory.ts', 'tools/ledger.py', '@index']);

    const correlationId = randomUUID();
    await producer.publish(createMessage('service.request', { operation: 'docs.search', params: { query: 'reconcile discrepancies', repository: url } }, { source: 'it-docs-e2e', target: 'docs', correlationId }));
    await producer.publish(createMessage('service.request', { operation: 'docs.search', params: { query: '' } }, { source: 'it-docs-e2e', target: 'docs', correlationId: `${correlationId}-bad` }));

    const answer = await eventually('the search response', async () => watch.seen.map((m) => m.value).find((r) => r.correlationId === correlationId));
    expect(answer).toMatchObject({ source: 'docs', target: 'it-docs-e2e', payload: { operation: 'docs.search', ok: true } });
    const results = (answer.payload as { result: { results: { path: string; snippet: string }[] } }).result.results;
    expect(results[0]).toMatchObject({ path: 'src/inventory.ts', snippet: expect.stringContaining('<mark>') });
    const refusal = await eventually('the refusal', async () => watch.seen.map((m) => m.value).find((r) => r.correlationId === `${correlationId}-bad`));
    expect(refusal).toMatchObject({ payload: { ok: false, error: { code: 'CapabilityInputError', retriable: false, details: { fields: [{ path: 'query' }] } } } });
  });

  it('runs clone → document → search as one workflow, each step reading the one before', async () => {
    const submitted = await client.submitWorkflow({
      name: 'document the inventory',
      steps: {
        clone: { type: 'git.clone', requiredCapabilities: ['git.clone'], payload: { url, path: `${clonePath}-workflow` } },
        document: { type: 'docs.generate', requiredCapabilities: ['docs.generate'], dependsOn: ['clone'], payload: { repository: `${url}#workflow`, path: { $from: 'clone.result.path' } } },
        search: { type: 'docs.search', requiredCapabilities: ['docs.search'], dependsOn: ['document'], payload: { query: 'reconcile discrepancies', repository: { $from: 'document.result.repository' } } },
      },
    });
    expect(submitted).toMatchObject({ status: 201, body: { status: 'running', created: true } });

    const done = await eventually('the workflow to finish', async () => {
      const { body } = await client.workflow(submitted.body.id);
      return body.status === 'running' ? undefined : body;
    }, 60_000);
    expect(done.status).toBe('completed');
    expect(done.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(['clone:completed', 'document:completed', 'search:completed']);
    const [clone, document, search] = done.steps;
    expect(document.result).toMatchObject({ repository: `${url}#workflow`, commit: clone.result.commit });
    expect(search.result.results[0]).toMatchObject({ path: 'src/inventory.ts' });
    expect(Date.parse(document.startedAt)).toBeGreaterThanOrEqual(Date.parse(clone.finishedAt));

    const cycle = await client.submitWorkflow({ steps: { a: { type: 'compute', dependsOn: ['b'] }, b: { type: 'compute', dependsOn: ['a'] } } });
    expect(cycle).toMatchObject({ status: 400, body: { errors: [{ field: 'steps.a.dependsOn', message: 'the steps wait for each other in a cycle: a → b → a' }] } });
    const listed = await client.workflows('?status=completed');
    expect((listed.body.workflows as { id: string }[]).map((w) => w.id)).toContain(submitted.body.id);
  });

  it('answers docs.get as a task from the latest generation', async () => {
    const task = await run('docs.get', { repository: url, path: 'greet' });
    expect(task).toMatchObject({ status: 'completed', result: { path: 'greet', language: 'go', kind: 'module' } });
    expect(task.result.content).toContain("Salute returns the salutation for a visitor's name.");
  });
});
