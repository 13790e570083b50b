import { createHash } from 'node:crypto';
import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { createRequire } from 'node:module';
import { BUNDLE_BANNER, BUNDLE_TARGET, EXTERNAL_MODULES, LAMBDA_UNUSED_CREDENTIAL_PROVIDERS, RUNTIME_PROVIDED_MODULES, SHIPPED_PACKAGES } from './constants.js';
import { mskSignerPlugin } from './mskSignerPlugin.js';
import { sideEffectFreePlugin, zodNamespacePlugin } from './plugins.js';
import type { Bundle, BundleCatalog, BundleRequest } from './types.js';

/**
 * Bundles every handler module once — one esbuild run for all entries, however many functions share
 * one — as minified ESM for Node.js 22, and writes each into a directory named by its content's hash.
 * Runs before the constructs are built (they are synchronous, esbuild plugins are not).
 *
 * @example
 * const catalog = await bundleHandlers([{ entry: '/repo/functions/worker/execute.ts' }], 'cdk.out/bundles');
 * lambda.Code.fromAsset(catalog.get(entry).directory);
 */
export async function bundleHandlers(requests: readonly BundleRequest[], outRoot: string): Promise<BundleCatalog> {
  const started = performance.now();
  const unique = [...new Map(requests.map((r) => [r.entry, r])).values()];
  const names = new Map(unique.map((r, i) => [`b${i}`, r]));
  const result = unique.length === 0
    ? { outputFiles: [], metafile: { inputs: {}, outputs: {} } }
    : await build({
        entryPoints: Object.fromEntries([...names].map(([name, r]) => [name, r.entry])),
        outdir: '/syntor-bundles',
        outExtension: { '.js': '.mjs' },
        bundle: true,
        write: false,
        platform: 'node',
        target: BUNDLE_TARGET,
        format: 'esm',
        minify: true,
        legalComments: 'none',
        mainFields: ['module', 'main'],
        external: [...EXTERNAL_MODULES, ...LAMBDA_UNUSED_CREDENTIAL_PROVIDERS, ...RUNTIME_PROVIDED_MODULES, ...Object.keys(SHIPPED_PACKAGES)],
        banner: { js: BUNDLE_BANNER },
        plugins: [zodNamespacePlugin(), sideEffectFreePlugin(), mskSignerPlugin()],
        metafile: true,
        logLevel: 'silent',
      });
  assertOnlyLazilyImported(result.metafile);
  const bundles = await Promise.all(
    result.outputFiles.map(async (file) => {
      const request = names.get(basename(file.path, '.mjs'));
      if (!request) throw new Error(`esbuild wrote an unexpected file ${file.path}`);
      const shipped = shippedPackagesOf(result.metafile, file.path);
      return place({ ...request, copy: [...(request.copy ?? []), ...shipped.flatMap(packageFiles)] }, file.contents, outRoot, shipped);
    }),
  );
  const byEntry = new Map(bundles.map((b) => [b.entry, b]));
  return {
    bundles,
    buildMs: performance.now() - started,
    get(entry) {
      const bundle = byEntry.get(entry);
      if (!bundle) throw new Error(`No bundle for ${entry}: it was not among the entries given to bundleHandlers()`);
      return bundle;
    },
  };
}

/** A left-out credential provider imported statically would fail the function at load: refuse to bundle. */
function assertOnlyLazilyImported(metafile: Metafile): void {
  const leftOut = new Set<string>(LAMBDA_UNUSED_CREDENTIAL_PROVIDERS);
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && leftOut.has(imported.path) && imported.kind !== 'dynamic-import') {
        throw new Error(`${importer} imports ${imported.path} statically (${imported.kind}); it can no longer be left out of bundles (cdk/lib/bundling/constants.ts)`);
      }
    }
  }
}

/** The {@link SHIPPED_PACKAGES} an output imports (statically or on demand). */
function shippedPackagesOf(metafile: Metafile, outputPath: string): string[] {
  // Metafile keys are relative to the working directory; the output names (b0.mjs, …) are unique.
  const output = Object.entries(metafile.outputs).find(([path]) => basename(path) === basename(outputPath))?.[1];
  const imported = new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path));
  return Object.keys(SHIPPED_PACKAGES).filter((name) => imported.has(name));
}

/** A shipped package's run-time files, copied to `node_modules/<name>/` where Node's resolution finds them. */
function packageFiles(name: string): { from: string; to: string }[] {
  const root = dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  return (SHIPPED_PACKAGES[name] ?? []).map((file) => ({ from: join(root, file), to: join('node_modules', name, file) }));
}

async function place(request: BundleRequest, code: Uint8Array, outRoot: string, shipped: readonly string[] = []): Promise<Bundle> {
  const module = request.subdirectory ? `${request.subdirectory}/index` : 'index';
  const copy = request.copy ?? [];
  const hash = createHash('sha256').update(code).update(JSON.stringify([module, copy])).digest('hex').slice(0, 16);
  const directory = join(outRoot, `${basename(request.entry).replace(/\.[cm]?[jt]s$/, '')}-${hash}`);
  if (!(await exists(directory))) await writeAtomically(directory, module, code, copy);
  return { entry: request.entry, directory, module, bytes: code.byteLength, shippedPackages: shipped };
}

/** Parallel test files may place the same bundle: write aside, then rename into place. */
async function writeAtomically(directory: string, module: string, code: Uint8Array, copy: readonly { from: string; to: string }[]): Promise<void> {
  const staging = `${directory}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(join(staging, `${module}.mjs`)), { recursive: true });
  await writeFile(join(staging, `${module}.mjs`), code);
  for (const { from, to } of copy) await cp(from, join(staging, to), { recursive: true });
  try {
    await rename(staging, directory);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!(await exists(directory))) throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
