import { afterEach, describe, expect, it } from 'vitest';
import { HarnessBundleFailedError } from '../../../local/harness/errors.js';
import { runtimeProvidedAtInitAgent, staticSdkImportAgent, whereAmIAgent } from '../../fixtures/agents/bundled/manifests.js';
import { captureLog, HARNESS_TEST_BUNDLE_DIR, resetHarnesses, runHarness } from './support.js';

const bundles = { dir: HARNESS_TEST_BUNDLE_DIR };

afterEach(resetHarnesses);

describe('the harness running bundles', () => {
  it.each([
    { isolation: false, where: 'in this process' },
    { isolation: true, where: 'in its own execution environment' },
  ])('imports the handler from its bundle $where, and says which bundle and how long bundling took', async ({ isolation }) => {
    const log = captureLog();
    const harness = await runHarness(whereAmIAgent, { ports: { http: 0, metrics: false, health: false }, isolation, bundles, log });

    const reply = (await (await fetch(`http://127.0.0.1:${harness.ports.http}/bundle-where`)).json()) as { module: string };

    expect(reply.module).toMatch(new RegExp(`^file://${HARNESS_TEST_BUNDLE_DIR}/whereAmI-[0-9a-f]{16}/index\\.mjs$`));
    expect(log.lines).toContainEqual(expect.stringMatching(/^bundles: 1 bundle\(s\) built in \d+ ms$/));
    expect(log.lines).toContainEqual(expect.stringMatching(/^bundles: bundle-where-probe runs \S+\/whereAmI-[0-9a-f]{16}\/index\.mjs \(\d+ KiB; from \S*whereAmI\.ts\)$/));
  });

  it('runs the TypeScript source without the option', async () => {
    const harness = await runHarness(whereAmIAgent, { ports: { http: 0, metrics: false, health: false } });

    const reply = (await (await fetch(`http://127.0.0.1:${harness.ports.http}/bundle-where`)).json()) as { module: string };

    expect(reply.module).toMatch(/\/test\/fixtures\/agents\/bundled\/whereAmI\.ts$/);
  });

  it('fails the start on a bundle that does not build, naming the function, its source and the directory', async () => {
    const started = runHarness(staticSdkImportAgent, { bundles });

    await expect(started).rejects.toThrow(HarnessBundleFailedError);
    await expect(started).rejects.toMatchObject({
      code: 'harness-bundle-failed',
      directory: HARNESS_TEST_BUNDLE_DIR,
      failures: [{ functionId: 'bundle-static-probe', entry: expect.stringMatching(/staticSdkImport\.ts$/) }],
      message: expect.stringMatching(/for bundle-static-probe, into .*\n {2}bundle-static-probe \(.*staticSdkImport\.ts\): .*imports @aws-sdk\/client-kafka statically/),
    });
  });

  it('fails each invocation of a bundle that does not load, naming the function and the bundle, where the source loads', async () => {
    const fromSource = await runHarness(runtimeProvidedAtInitAgent, { ports: { http: 0, metrics: false, health: false }, isolation: true });
    expect((await fetch(`http://127.0.0.1:${fromSource.ports.http}/bundle-init`)).status).toBe(200);
    await resetHarnesses();
    const log = captureLog();
    const bundled = await runHarness(runtimeProvidedAtInitAgent, { ports: { http: 0, metrics: false, health: false }, isolation: true, bundles, log });

    const reply = await fetch(`http://127.0.0.1:${bundled.ports.http}/bundle-init`);

    // As Lambda's Runtime.ImportModuleError: the init fails at the first invocation, and every one after.
    expect(reply.status).toBeGreaterThanOrEqual(500);
    expect(log.lines).toContainEqual(expect.stringMatching(
      new RegExp(`^bundle-init-probe: GET /bundle-init failed: .*the execution environment could not start: .*cannot import ${HARNESS_TEST_BUNDLE_DIR}/runtimeProvidedAtInit-[0-9a-f]{16}/index\\.mjs: Cannot find package '@aws-sdk/client-kafka'`),
    ));
  });
});
