import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { agents } from '../../functions/index.js';
import type { AgentManifest } from '../../lib/contracts/index.js';
import { functionId } from '../../lib/manifest/index.js';
import { bundleHandlers } from '../../lib/bundling/bundleHandlers.js';
import { BUNDLE_BUDGET_BYTES } from '../../lib/bundling/constants.js';
import type { Bundle } from '../../lib/bundling/types.js';
import { PROVISIONING_BUNDLES } from '../../lib/bundling/provisioning.js';

/** Cold-start target: importing a bundled handler in a fresh Node process. */
export const COLD_START_TARGET_MS = 300;
const SAMPLES = 5;

/** Imports the module in a new process and prints how long the import took (ms), nothing else. */
const PROBE = "const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));";

interface Sample {
  readonly importMs: number;
  readonly processMs: number;
}

/**
 * `npm run bench -- cold-start [manifest-module ...]`: bundles every function as the CDK app does
 * (the agents in `functions/index.ts`, the provisioning handlers, and the agents of any manifest
 * modules given), then imports each bundle in fresh Node processes and prints the median import time
 * and the whole process's wall time per function. Target: import ≤ 300 ms. Lambda runs Node 22 on
 * arm64; this measures the machine it runs on, which is the comparison that matters between commits.
 */
export async function coldStartSuite(manifestModules: readonly string[]): Promise<number> {
  const extra = await Promise.all(manifestModules.map(loadAgents));
  const targets = [...agents, ...extra.flat()].flatMap((agent) => agent.functions.map((fn) => ({ name: functionId(agent, fn), entry: fn.entry })));
  const provisioning = Object.entries(PROVISIONING_BUNDLES).map(([name, request]) => ({ name: `provision-${name}`, entry: request.entry, request }));
  if (targets.length === 0) console.log('No agents in functions/index.ts; pass manifest modules to measure some (e.g. test/cdk/fixtures/agents.ts).');
  const catalog = await bundleHandlers(
    [...targets.map((t) => ({ entry: t.entry })), ...provisioning.map((p) => p.request)],
    join(tmpdir(), 'syntor-cold-start-bundles'),
  );
  console.log(`Bundled ${catalog.bundles.length} entries in ${(catalog.buildMs / 1000).toFixed(1)} s; ${SAMPLES} fresh processes each (median)\n`);
  console.log(`  ${'function'.padEnd(36)} ${'bundle'.padStart(9)} ${'import'.padStart(9)} ${'process'.padStart(9)}`);
  let failures = 0;
  for (const { name, entry } of [...targets, ...provisioning]) {
    const bundle = catalog.get(entry);
    const samples = Array.from({ length: SAMPLES }, () => measure(bundle));
    const importMs = median(samples.map((s) => s.importMs));
    const processMs = median(samples.map((s) => s.processMs));
    const ok = importMs <= COLD_START_TARGET_MS && bundle.bytes <= BUNDLE_BUDGET_BYTES;
    if (!ok) failures += 1;
    console.log(`  ${name.padEnd(36)} ${`${Math.round(bundle.bytes / 1024)} KiB`.padStart(9)} ${`${importMs.toFixed(0)} ms`.padStart(9)} ${`${processMs.toFixed(0)} ms`.padStart(9)}  ${ok ? 'MET' : 'NOT MET'}`);
  }
  console.log(`\nTargets: import <= ${COLD_START_TARGET_MS} ms, bundle <= ${BUNDLE_BUDGET_BYTES / 1024} KiB (Node ${process.versions.node}, ${process.arch}).`);
  return failures === 0 ? 0 : 1;
}

function measure(bundle: Bundle): Sample {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(join(bundle.directory, `${bundle.module}.mjs`)).href], {
    encoding: 'utf8',
    // A bundle must load without any SYNTOR_* or AWS variable set: clients are made lazily.
    env: { PATH: process.env.PATH ?? '' },
  });
  return { importMs: Number(out), processMs: performance.now() - started };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function loadAgents(path: string): Promise<AgentManifest[]> {
  const module = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  const found = Object.values(module).flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is AgentManifest => typeof value === 'object' && value !== null && 'functions' in value && 'kind' in value);
  if (found.length === 0) throw new Error(`${path} exports no agent manifest`);
  return [...new Set(found)];
}
