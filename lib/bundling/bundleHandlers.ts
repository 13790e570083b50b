import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { createRequire } from 'node:module';
import { BUNDLE_BANNER, BUNDLE_TARGET, EXTERNAL_MODULES, LAMBDA_UNUSED_CREDENTIAL_PROVIDERS, RUNTIME_PROVIDED_MODULES, SHIPPED_PACKAGES } from './constants.js';
import { mskSignerPlugin } from './mskSignerPlugin.js';
import { sideEffectFreePlugin, zodNamespacePlugin } from './plugins.js';
import { unusedModulesPlugin } from './unusedModulesPlugin.js';
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
        ...COMMON_OPTIONS,
        entryPoints: Object.fromEntries([...names].map(([name, r]) => [name, r.entry])),
        outdir: '/syntor-bundles',
        outExtension: { '.js': '.mjs' },
        external: [...EXTERNAL_MODULES, ...LAMBDA_UNUSED_CREDENTIAL_PROVIDERS, ...RUNTIME_PROVIDED_MODULES, ...Object.keys(SHIPPED_PACKAGES)],
        plugins: [zodNamespacePlugin(), sideEffectFreePlugin(), mskSignerPlugin(), unusedModulesPlugin()],
        metafile: true,
      });
  assertOnlyLazilyImported(result.metafile);
  const shippedBy = new Map(result.outputFiles.map((file) => [file.path, shippedPackagesOf(result.metafile, file.path)]));
  const generated = await bundleShippedPackages([...new Set([...shippedBy.values()].flat())]);
  const bundles = await Promise.all(
    result.outputFiles.map(async (file) => {
      const request = names.get(basename(file.path, '.mjs'));
      if (!request) throw new Error(`esbuild wrote an unexpected file ${file.path}`);
      const shipped = shippedBy.get(file.path) ?? [];
      const files = shipped.flatMap((name) => generated.get(name) ?? []);
      const placed = await place({ ...request, copy: [...(request.copy ?? []), ...shipped.flatMap(packageFiles)] }, file.contents, outRoot, shipped, files);
      return { ...placed, packages: packagesOf(result.metafile, file.path) } satisfies Bundle;
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

const COMMON_OPTIONS = {
  bundle: true,
  write: false,
  platform: 'node',
  target: BUNDLE_TARGET,
  format: 'esm',
  minify: true,
  legalComments: 'none',
  mainFields: ['module', 'main'],
  banner: { js: BUNDLE_BANNER },
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * A left-out credential provider imported statically would fail the function at load; a runtime-
 * provided SDK client or a shipped package would load at every cold start, wanted or not, which is
 * what leaving it out of the bundle must not hide: refuse to bundle any of them.
 */
function assertOnlyLazilyImported(metafile: Metafile): void {
  const leftOut = new Set<string>([...LAMBDA_UNUSED_CREDENTIAL_PROVIDERS, ...RUNTIME_PROVIDED_MODULES, ...Object.keys(SHIPPED_PACKAGES)]);
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && leftOut.has(imported.path) && imported.kind !== 'dynamic-import') {
        throw new Error(`${importer} imports ${imported.path} statically (${imported.kind}); it can no longer be left out of bundles (lib/bundling/constants.ts)`);
      }
    }
  }
}

// Metafile keys are relative to the working directory; the output names (b0.mjs, …) are unique.
function outputOf(metafile: Metafile, outputPath: string): Metafile['outputs'][string] | undefined {
  return Object.entries(metafile.outputs).find(([path]) => basename(path) === basename(outputPath))?.[1];
}

/** The {@link SHIPPED_PACKAGES} an output imports (statically or on demand). */
function shippedPackagesOf(metafile: Metafile, outputPath: string): string[] {
  const output = outputOf(metafile, outputPath);
  const imported = new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path));
  return Object.keys(SHIPPED_PACKAGES).filter((name) => imported.has(name));
}

/** The npm packages with code in an output. */
function packagesOf(metafile: Metafile, outputPath: string): string[] {
  const inputs = Object.entries(outputOf(metafile, outputPath)?.inputs ?? {}).filter(([, input]) => input.bytesInOutput > 0);
  const names = inputs.map(([path]) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]).filter((name) => name !== undefined);
  return [...new Set(names)].sort();
}

/** Found from its entry point: not every package exports `./package.json`. */
function packageRoot(name: string): string {
  const entry = createRequire(import.meta.url).resolve(name);
  const marker = `/node_modules/${name}/`;
  return entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
}

/** A shipped package's run-time files, copied to `node_modules/<name>/` where Node's resolution finds them. */
function packageFiles(name: string): { from: string; to: string }[] {
  const root = packageRoot(name);
  return (SHIPPED_PACKAGES[name]?.files ?? []).map((file) => ({ from: join(root, file), to: join('node_modules', name, file) }));
}

interface GeneratedFile {
  readonly to: string;
  readonly contents: Uint8Array;
}

/**
 * The shipped packages marked `bundle`, each bundled once with its dependencies into
 * `node_modules/<name>/index.mjs`, with a package.json pointing Node's resolution at it.
 */
async function bundleShippedPackages(names: readonly string[]): Promise<Map<string, GeneratedFile[]>> {
  const bundled = names.filter((name) => SHIPPED_PACKAGES[name]?.bundle);
  const entries = await Promise.all(bundled.map(async (name): Promise<[string, GeneratedFile[]]> => {
    const { version } = JSON.parse(await readFile(join(packageRoot(name), 'package.json'), 'utf8')) as { version: string };
    const result = await build({
      ...COMMON_OPTIONS,
      stdin: { contents: `import pkg from ${JSON.stringify(name)}; export default pkg;`, resolveDir: dirname(fileURLToPath(import.meta.url)), loader: 'js' },
      outfile: `/syntor-shipped/${name}/index.mjs`,
      external: [...EXTERNAL_MODULES],
    });
    const manifest = { name, version, type: 'module', main: './index.mjs', description: `${name} ${version} bundled by SYNTOR (lib/bundling)` };
    return [name, [
      { to: join('node_modules', name, 'index.mjs'), contents: result.outputFiles[0]!.contents },
      { to: join('node_modules', name, 'package.json'), contents: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) },
    ]];
  }));
  return new Map(entries);
}

async function place(request: BundleRequest, code: Uint8Array, outRoot: string, shipped: readonly string[] = [], generated: readonly GeneratedFile[] = []): Promise<Omit<Bundle, 'packages'>> {
  const module = request.subdirectory ? `${request.subdirectory}/index` : 'index';
  const copy = request.copy ?? [];
  const digest = createHash('sha256').update(code).update(JSON.stringify([module, copy, generated.map((f) => f.to)]));
  for (const file of generated) digest.update(file.contents);
  // What is copied counts as much as the code: a shipped package upgraded under an unchanged bundle
  // must not leave its old files in a directory reused by name.
  for (const { from, to } of copy) {
    for (const file of await filesUnder(from)) digest.update(join(to, relative(from, file))).update(await readFile(file));
  }
  const hash = digest.digest('hex').slice(0, 16);
  const directory = join(outRoot, `${basename(request.entry).replace(/\.[cm]?[jt]s$/, '')}-${hash}`);
  if (!(await exists(directory))) await writeAtomically(directory, module, code, copy, generated);
  return { entry: request.entry, directory, module, bytes: code.byteLength, shippedPackages: shipped };
}

/** Parallel test files may place the same bundle: write aside, then rename into place. */
async function writeAtomically(directory: string, module: string, code: Uint8Array, copy: readonly { from: string; to: string }[], generated: readonly GeneratedFile[]): Promise<void> {
  const staging = `${directory}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(join(staging, `${module}.mjs`)), { recursive: true });
  await writeFile(join(staging, `${module}.mjs`), code);
  for (const { from, to } of copy) await cp(from, join(staging, to), { recursive: true });
  for (const { to, contents } of generated) {
    await mkdir(dirname(join(staging, to)), { recursive: true });
    await writeFile(join(staging, to), contents);
  }
  try {
    await rename(staging, directory);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!(await exists(directory))) throw error;
  }
}

/** The files at `path` (itself, or everything under it), in a stable order. */
async function filesUnder(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const names = (await readdir(path, { recursive: true })).sort();
  const files = await Promise.all(names.map(async (name) => ((await stat(join(path, name))).isFile() ? join(path, name) : undefined)));
  return files.filter((file) => file !== undefined);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
