import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_INDEX_PATH } from '../../../lib/contracts/index.js';
import { createDocsDeps, DocsRepositoryTakenError, generateDocs } from '../../../lib/docs/index.js';
import { createOpenAiCompatibleProvider, NO_PROVIDER_REASON } from '../../../lib/models/index.js';
import { createDocsFixtureRepo, type DocsFixtureRepo } from '../../fixtures/docsRepo.js';
import { startLocalServer, type LocalServer } from '../../unit/capabilities/localServer.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

let workspace: string;
let repo: DocsFixtureRepo;
let deps: ReturnType<typeof createDocsDeps>;
let model: LocalServer;
const repository = uniqueName('it-docs/inventory');

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'syntor-docs-it-'));
  repo = await createDocsFixtureRepo({ parent: workspace, name: 'inventory' });
  deps = createDocsDeps(testConfig(), { workspace, models: { provider: undefined, reason: NO_PROVIDER_REASON } });
  model = await startLocalServer({
    '/v1/chat/completions': (req, res) => {
      // One module fails, to show a provider failure is noted and the generation goes on.
      if (req.body.includes('lib/format.js')) return void res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Summarized by the quartermaster model.' } }] }));
    },
  });
});
afterAll(async () => {
  await deps?.pool.query('DELETE FROM documents WHERE repository LIKE $1', [`${repository}%`]).catch(() => undefined);
  await deps?.pool.query('DELETE FROM document_sources WHERE repository LIKE $1', [`${repository}%`]).catch(() => undefined);
  await deps?.close();
  await model?.close();
  await rm(workspace, { recursive: true, force: true });
});

const generate = (commit: string, summarize = false, key = repository) => generateDocs(deps, { repository: key, path: 'inventory', commit, summarize });

describe('docs.generate on a multi-language repository (real git objects, real PostgreSQL)', () => {
  it('stores one document per module plus an index, with the exported symbols and their comments', async () => {
    const result = await generate(repo.commits[0], true);

    expect(result.commit).toBe(repo.commits[0]);
    expect(result.documents.map((d) => `${d.path}:${d.kind}`)).toEqual(['greet:module', 'lib/format.js:module', 'src/inventory.ts:module', 'tools/ledger.py:module', `${DOCS_INDEX_PATH}:index`]);
    expect(result.summaries).toEqual({ enabled: false, reason: NO_PROVIDER_REASON });

    const ts = await deps.store.get(repository, 'src/inventory.ts', repo.commits[0]);
    expect(ts).toMatchObject({ language: 'typescript', kind: 'module' });
    expect(ts!.content).toContain('export function reconcileStock(counted: Record<string, number>, ledger: Record<string, number>): string[]');
    expect(ts!.content).toContain('Reconciles counted stock against the ledger and reports the discrepancies.');
    expect(ts!.content).toContain('`counted` — what the night shift counted, by SKU');
    const go = await deps.store.get(repository, 'greet', repo.commits[0]);
    expect(go!.content).toContain("Salute returns the salutation for a visitor's name.");
    const py = await deps.store.get(repository, 'tools/ledger.py', repo.commits[0]);
    expect(py!.content).toContain('Run one audit pass over the ledger.');

    const everything = (await Promise.all(result.documents.map((d) => deps.store.get(repository, d.path, repo.commits[0])))).map((d) => d!.content).join('\n');
    for (const hidden of ['hiddenHelper', 'secretCode', 'internalRounding', 'lowercase', '_private_helper', 'vendoredThing', 'testOnlyHelper', 'TestNothing']) {
      expect(everything).not.toContain(hidden);
    }
    const index = await deps.store.get(repository, DOCS_INDEX_PATH, repo.commits[0]);
    expect(index!.content).toContain('- `tools/ledger.py` (Python) — Ledger utilities for nightly stock audits.');
  });

  it('finds a comment word, ranks the module it is from first, and highlights it', async () => {
    const { results } = { results: await deps.store.search('salutation visitor', { repository }) };
    expect(results[0]).toMatchObject({ path: 'greet', commit: repo.commits[0] });
    expect(results[0]!.snippet).toMatch(/<mark>salutation<\/mark>/i);

    const audit = await deps.store.search('audit ledger', { repository });
    expect(audit[0]!.path).toBe('tools/ledger.py');
    expect(audit.map((r) => r.path)).not.toContain('greet');
    expect(await deps.store.search('zebra xylophone', { repository })).toEqual([]);
  });

  it('replaces, never duplicates, when the same commit is generated again; drops modules no longer produced', async () => {
    const again = await generate(repo.commits[0]);
    expect(again.removed).toBe(0);
    expect(await deps.store.list({ repository, commit: repo.commits[0] })).toHaveLength(5);

    const cut = await generateDocs(deps, { repository, path: 'inventory', commit: repo.commits[0], summarize: false }, { limits: { maxFiles: 2, maxFileBytes: 512 * 1024, maxTotalBytes: 1 << 20 } });
    expect(cut.notes).toEqual([expect.stringMatching(/stopped after 2 files/)]);
    // The first two files are the Go package's: it and the index are all that remain.
    expect(cut.removed).toBe(3);
    expect((await deps.store.list({ repository, commit: repo.commits[0] })).map((d) => d.path)).toEqual([DOCS_INDEX_PATH, 'greet']);
    await generate(repo.commits[0]);
  });

  it('keeps each commit as its own version; get without a commit reads the latest generated', async () => {
    await generate(repo.commits[1]);

    expect(await deps.store.list({ repository, commit: repo.commits[0] })).toHaveLength(5);
    expect(await deps.store.list({ repository, commit: repo.commits[1] })).toHaveLength(5);
    const latest = await deps.store.get(repository, 'src/inventory.ts');
    expect(latest).toMatchObject({ commit: repo.commits[1] });
    expect(latest!.content).toContain('forecastReplenishment');
    expect((await deps.store.get(repository, 'src/inventory.ts', repo.commits[0].slice(0, 10)))!.content).not.toContain('forecastReplenishment');
    const found = await deps.store.search('forecasts replenishment', { repository });
    expect(found.map((r) => [r.path, r.commit])).toEqual([['src/inventory.ts', repo.commits[1]]]);
  });

  it('summarizes through a configured provider; a failed call is noted and its module still stored', async () => {
    const key = `${repository}-summaries`;
    const withModel = { ...deps, models: { provider: createOpenAiCompatibleProvider({ baseUrl: `${model.origin}/v1`, model: 'quartermaster' }) } };

    const result = await generateDocs(withModel, { repository: key, path: 'inventory', commit: repo.commits[0], summarize: true });

    expect(result.summaries).toEqual({ enabled: true, provider: 'openai-compatible:quartermaster', summarized: 3, skipped: 0, failed: [{ path: 'lib/format.js', reason: expect.stringMatching(/HTTP 500/) }] });
    expect(await deps.store.get(key, 'lib/format.js')).toMatchObject({ summary: null });
    const ledger = await deps.store.get(key, 'tools/ledger.py');
    expect(ledger).toMatchObject({ summary: 'Summarized by the quartermaster model.' });
    expect((await deps.store.search('quartermaster', { repository: key }))[0]!.snippet).toContain('<mark>quartermaster</mark>');
  });

  it.each([
    ['a path outside the workspace', { path: '../etc' }, /path "\.\.\/etc"/],
    ['a directory that is no repository', { path: 'missing' }, /is not a git repository/],
    ['an unknown commit', { path: 'inventory', commit: 'no-such-branch' }, /"no-such-branch" names no commit/],
  ])('refuses %s, naming it', async (_, input, message) => {
    await expect(generateDocs(deps, { repository, summarize: false, ...input })).rejects.toThrow(message);
  });

  it("will not let another source replace a repository name's documents, but lets its own regenerate them", async () => {
    const impostor = await createDocsFixtureRepo({ parent: workspace, name: 'impostor' });

    const refused = await generateDocs(deps, { repository, path: 'impostor', commit: impostor.commits[0], summarize: false }).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(DocsRepositoryTakenError);
    expect(refused).toMatchObject({ code: 'repository-taken', retriable: false });
    expect((await deps.store.get(repository, 'greet', repo.commits[0]))?.content).toContain('Salute');
    await expect(generate(repo.commits[0])).resolves.toMatchObject({ commit: repo.commits[0] });
  });
});
