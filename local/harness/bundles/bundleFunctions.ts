import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Bundling from '../../../lib/bundling/bundleHandlers.js';
import { DEFAULT_BUNDLE_DIR } from '../../../lib/bundling/constants.js';
import type { AgentManifest, FunctionManifest } from '../../../lib/contracts/index.js';
import { functionId } from '../../../lib/manifest/index.js';
import { HarnessBundleFailedError, type BundleFailure } from '../errors.js';
import type { HarnessLog } from '../log.js';

/** `true` bundles into `cdk.out/bundles`, where `npm run synth` writes the same content-addressed bundles. */
export type BundlesOption = boolean | { readonly dir: string };

/** The manifest function to run: its `entry` is the bundle's module instead of the TypeScript source. */
export type BundledFunctionOf = (agent: AgentManifest, fn: FunctionManifest) => FunctionManifest;

type BundleHandlers = typeof Bundling.bundleHandlers;

/** Relative to the working directory when inside it, as a person reads paths in a log. */
function shown(path: string): string {
  const inCwd = relative(process.cwd(), path);
  return inCwd.startsWith('..') || isAbsolute(inCwd) ? path : inCwd;
}

const sourceOf = (entry: string) => (entry.startsWith('file:') ? fileURLToPath(entry) : entry);

/**
 * Bundles every function of the agents with the CDK app's own `bundleHandlers()` — the same esbuild
 * run, options, plugins and left-out packages as `npm run synth` — and says which bundle each function
 * runs. Built afresh at every start; a bundle directory is reused only when its name, a hash of the
 * bundle's content, matches. esbuild is loaded only here, so a harness without bundles never loads it.
 *
 * @throws HarnessBundleFailedError naming each function whose bundle does not build.
 * @example
 * const bundled = await bundleFunctions(agents, true, consoleLog);
 * invokerFor({ ..., fn: bundled(agent, fn) });
 */
export async function bundleFunctions(agents: readonly AgentManifest[], option: Exclude<BundlesOption, false>, log: HarnessLog): Promise<BundledFunctionOf> {
  const dir = option === true ? DEFAULT_BUNDLE_DIR : option.dir;
  const functions = agents.flatMap((agent) => agent.functions.map((fn) => ({ functionId: functionId(agent, fn), entry: sourceOf(fn.entry) })));
  const { bundleHandlers } = await import('../../../lib/bundling/bundleHandlers.js');
  log.info(`bundles: building ${functions.length} function(s) with esbuild as npm run synth does, into ${dir}`);
  const catalog = await bundleHandlers(functions.map(({ entry }) => ({ entry })), dir).catch(async (error: unknown) => {
    throw new HarnessBundleFailedError(dir, await failuresOf(functions, dir, bundleHandlers, error));
  });
  log.info(`bundles: ${catalog.bundles.length} bundle(s) built in ${Math.round(catalog.buildMs)} ms`);
  const modules = new Map<string, string>();
  for (const { functionId: id, entry } of functions) {
    const bundle = catalog.get(entry);
    const module = join(bundle.directory, `${bundle.module}.mjs`);
    modules.set(id, module);
    log.info(`bundles: ${id} runs ${shown(module)} (${Math.round(bundle.bytes / 1024)} KiB; from ${shown(entry)})`);
  }
  return (agent, fn) => {
    const module = modules.get(functionId(agent, fn));
    if (module === undefined) throw new Error(`${functionId(agent, fn)} was not bundled: it was not among the agents given to bundleFunctions()`);
    return { ...fn, entry: module };
  };
}

/**
 * esbuild fails one run for all entries; each entry is bundled on its own to name the functions whose
 * bundle fails (only after a failure, so a good start pays nothing for it).
 */
async function failuresOf(functions: readonly { functionId: string; entry: string }[], dir: string, bundleHandlers: BundleHandlers, error: unknown): Promise<BundleFailure[]> {
  const alone = await Promise.all(
    functions.map(async (f) => bundleHandlers([{ entry: f.entry }], dir).then(() => undefined, (cause: unknown) => ({ ...f, cause }))),
  );
  const failed = alone.filter((f) => f !== undefined);
  return failed.length > 0 ? failed : functions.map((f) => ({ ...f, cause: error }));
}
