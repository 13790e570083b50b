import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../functions/index.js';
import { functionId, handlerPath } from '../../lib/manifest/index.js';
import { bundleFunctions } from '../../local/harness/bundles/index.js';
import { silentLog } from '../../local/harness/log.js';
import { bundleHandlers } from '../../lib/bundling/bundleHandlers.js';
import { BUNDLE_BUDGET_BYTES, RUNTIME_PROVIDED_MODULES } from '../../lib/bundling/constants.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import type * as UnusedModulesFixture from './fixtures/handlers/unusedModules.js';
import { buildTestApp, TEST_BUNDLE_DIR } from './support.js';

/** Headroom the coordination and worker functions keep under the budget (issue #6), for what comes next. */
const SHARED_RUNTIME_HEADROOM = 40 * 1024;
const STUBBED_OUT = ['thread-stream', 'real-require', 'tdigest', 'bintrees'];

describe('bundles of the deployed functions', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp(agents);
  });

  it('keeps every bundle within the budget, and the coordination and worker bundles with 40 KiB to spare', () => {
    expect(syntor.bundles.bundles.length).toBeGreaterThan(0);
    for (const bundle of syntor.bundles.bundles) expect(bundle.bytes, bundle.entry).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    for (const f of syntor.functions.filter((f) => !['git', 'docs'].includes(f.agent.name))) {
      expect(syntor.bundles.get(f.fn.entry).bytes, f.fn.entry).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES - SHARED_RUNTIME_HEADROOM);
    }
  });

  it('are the very bundles the harness runs with --bundles', async () => {
    const bundled = await bundleFunctions(agents, { dir: TEST_BUNDLE_DIR }, silentLog);

    for (const f of syntor.functions) {
      const bundle = syntor.bundles.get(f.fn.entry);
      expect(bundled(f.agent, f.fn).entry, functionId(f.agent, f.fn)).toBe(join(bundle.directory, `${bundle.module}.mjs`));
    }
  });

  it("leaves the Lambda runtime's SDK clients out, imported on demand only", async () => {
    for (const bundle of syntor.bundles.bundles) {
      expect(bundle.packages.filter((name) => (RUNTIME_PROVIDED_MODULES as readonly string[]).includes(name)), bundle.entry).toEqual([]);
    }
    const coordination = syntor.functions.find((f) => f.agent.name === 'coordination')!;
    const code = await readFile(join(syntor.bundles.get(coordination.fn.entry).directory, 'index.mjs'), 'utf8');
    expect(code).toContain('import("@aws-sdk/client-kafka")');
    expect(code).toContain('import("@aws-sdk/client-secrets-manager")');
    expect(code).not.toMatch(/from\s*"@aws-sdk\/client-(kafka|secrets-manager)"/);
  });

  it("leaves out pino's transports and prom-client's Summary, and keeps the MSK signer", () => {
    for (const bundle of syntor.bundles.bundles) {
      expect(bundle.packages.filter((name) => STUBBED_OUT.includes(name)), bundle.entry).toEqual([]);
    }
    const worker = syntor.functions.find((f) => f.agent.name === 'worker-alpha')!;
    expect(syntor.bundles.get(worker.fn.entry).packages).toEqual(expect.arrayContaining(['pino', 'prom-client', 'aws-msk-iam-sasl-signer-js', 'kafkajs']));
  });
});

describe('bundling tricks fail loudly', () => {
  it('replaces what it stubs with errors that say why, and leaves the rest of the package working', async () => {
    const entry = handlerPath(import.meta.url, './fixtures/handlers/unusedModules.ts');
    const bundle = (await bundleHandlers([{ entry }], TEST_BUNDLE_DIR)).get(entry);

    const { probes } = (await import(pathToFileURL(join(bundle.directory, 'index.mjs')).href)) as typeof UnusedModulesFixture;

    expect(probes.transport).toThrow(/pino\/lib\/transport\.js is left out of SYNTOR bundles/);
    expect(probes.summary).toThrow(/prom-client\/lib\/summary\.js is left out of SYNTOR bundles: SYNTOR defines no Summary metrics/);
    expect(probes.registry()).toContain('text/plain');
  });

  it('refuses a static import of an SDK client left to the Lambda runtime', async () => {
    const entry = handlerPath(import.meta.url, './fixtures/handlers/staticSdkImport.ts');

    await expect(bundleHandlers([{ entry }], TEST_BUNDLE_DIR)).rejects.toThrow(/imports @aws-sdk\/client-kafka statically/);
  });

  it('ships isomorphic-git as one module that loads beside the bundle, with nothing else installed', async () => {
    const entry = agents.find((a) => a.name === 'git')!.functions[0]!.entry;
    const bundle = (await bundleHandlers([{ entry }], TEST_BUNDLE_DIR)).get(entry);
    // TEST_BUNDLE_DIR is outside the repository: no node_modules above it to fall back on.
    const probe = "const { default: git } = await import('isomorphic-git'); process.stdout.write(typeof git.clone + ' ' + typeof git.statusMatrix);";

    const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: bundle.directory, encoding: 'utf8' });

    expect(bundle.shippedPackages).toEqual(['isomorphic-git']);
    expect(bundle.packages).not.toContain('isomorphic-git');
    // Its own dependencies travel inside it; pako is in the bundle too, on purpose: the pack scanner
    // (lib/git/remote/packScanner.ts) inflates with it before isomorphic-git is loaded.
    for (const dependency of ['sha.js', 'diff3', 'simple-get', 'async-lock']) expect(bundle.packages).not.toContain(dependency);
    expect(loaded).toBe('function function');
  });
});

describe('bundle directories', () => {
  it('are reused only when all they hold is unchanged: a copied file that changes gets a new directory', async () => {
    const entry = handlerPath(import.meta.url, './fixtures/handlers/noop.ts');
    const assets = await mkdtemp(join(tmpdir(), 'syntor-copied-'));
    const bundle = async () => (await bundleHandlers([{ entry, copy: [{ from: assets, to: 'assets' }] }], TEST_BUNDLE_DIR)).get(entry);
    await writeFile(join(assets, 'data.txt'), `first ${assets}`);

    const first = await bundle();
    const again = await bundle();
    await writeFile(join(assets, 'data.txt'), `second ${assets}`);
    const changed = await bundle();

    expect(again.directory).toBe(first.directory);
    expect(changed.directory).not.toBe(first.directory);
    expect(await readFile(join(changed.directory, 'assets', 'data.txt'), 'utf8')).toBe(`second ${assets}`);
    await rm(assets, { recursive: true, force: true });
  });
});
