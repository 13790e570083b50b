import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyntorConfig } from '../../lib/config/index.js';
import { createKafka, ensureTopics } from '../../lib/kafka/index.js';

export interface ObservabilityRun {
  mode: 'off' | 'on';
  records: number;
  seconds: number;
  perSecond: number;
  spansExported: number;
  emfBytes: number;
}

const RUN = fileURLToPath(new URL('./observabilityRun.ts', import.meta.url));
/** A run that takes longer than this is stuck (broker or Redis gone), not slow. */
const RUN_LIMIT_MS = 5 * 60_000;

/** One run in a fresh process (the same loader flags as this one: tsx), bounded in time. */
function runOnce(mode: 'off' | 'on', batch: number, invocations: number, dir: string, round: number): Promise<ObservabilityRun> {
  const result = join(dir, `${mode}-${round}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, RUN], {
      env: { ...process.env, SYNTOR_BENCH_OBSERVE: mode, SYNTOR_BENCH_BATCH: String(batch), SYNTOR_BENCH_INVOCATIONS: String(invocations), SYNTOR_BENCH_RESULT: result, SYNTOR_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`the "${mode}" run exited with ${signal ?? code}${signal === 'SIGKILL' ? ` after ${RUN_LIMIT_MS / 1000} s` : ''}`));
      resolve({ mode, ...(JSON.parse(readFileSync(result, 'utf8')) as Omit<ObservabilityRun, 'mode'>) });
    });
  });
}

/**
 * Handler throughput with tracing and metrics on versus off, side by side in one run: the bench
 * worker's `execute` (decode, idempotency claims in Redis, a no-op capability, completions published
 * to Kafka) on batches of `batch` assignments, in alternating fresh processes; the best of each
 * side is compared. Target: at most 15 % fewer records/s with everything on, at batch size 100.
 */
export async function observabilitySuite(config: SyntorConfig, options: { batch: number; invocations: number; rounds: number; log: (line: string) => void }): Promise<number> {
  const { batch, invocations, rounds, log } = options;
  await ensureTopics(createKafka(config).admin(), { partitions: config.kafka.topicPartitions, replicationFactor: config.kafka.replicationFactor });
  const dir = mkdtempSync(join(tmpdir(), 'syntor-bench-observability-'));
  const runs: ObservabilityRun[] = [];
  const row = (r: ObservabilityRun) =>
    `  ${`observability ${r.mode}`.padEnd(18)} ${String(r.records).padStart(7)} records  ${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(r.perSecond).toLocaleString('en-US').padStart(8)} records/s` +
    (r.mode === 'on' ? `  (${r.spansExported.toLocaleString('en-US')} spans exported, ${Math.round(r.emfBytes / 1024).toLocaleString('en-US')} KiB of EMF)` : '');
  try {
    log(`Handler throughput, worker execute, batch size ${batch}, ${invocations} invocations per run, ${rounds} alternating rounds`);
    for (let round = 1; round <= rounds; round += 1) {
      for (const mode of round % 2 === 1 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        runs.push(await runOnce(mode, batch, invocations, dir, round));
        log(row(runs.at(-1)!));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const best = (mode: 'off' | 'on') => runs.filter((r) => r.mode === mode).reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const off = best('off');
  const on = best('on');
  const overhead = 1 - on.perSecond / off.perSecond;
  log(`\nBest of ${rounds}:`);
  log(row(off));
  log(row(on));
  log(`  overhead with tracing and metrics on: ${(overhead * 100).toFixed(1)} % (target <= 15 %) ${overhead <= 0.15 ? 'MET' : 'NOT MET'}`);
  return 0;
}
