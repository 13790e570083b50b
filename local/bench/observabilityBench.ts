import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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
function runOnce(mode: 'off' | 'on', batch: number, invocations: number, dir: string, round: number, topic: string): Promise<ObservabilityRun> {
  const result = join(dir, `${mode}-${round}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, RUN], {
      env: { ...process.env, SYNTOR_BENCH_OBSERVE: mode, SYNTOR_BENCH_BATCH: String(batch), SYNTOR_BENCH_INVOCATIONS: String(invocations), SYNTOR_BENCH_RESULT: result, SYNTOR_BENCH_TOPIC: topic, SYNTOR_LOG_LEVEL: 'error' },
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
 * to Kafka, on a topic of the benchmark's own) on batches of `batch` assignments, in alternating fresh
 * processes; the best run and the mean of each side are compared. Target: at most 15 % fewer records/s with everything on, at batch size 100.
 */
export async function observabilitySuite(config: SyntorConfig, options: { batch: number; invocations: number; rounds: number; log: (line: string) => void }): Promise<number> {
  const { batch, invocations, rounds, log } = options;
  const kafka = createKafka(config);
  const topic = `bench-observability-${randomUUID().slice(0, 8)}`;
  await ensureTopics(kafka.admin(), { partitions: 3, replicationFactor: 1, topics: [topic] });
  const dir = mkdtempSync(join(tmpdir(), 'syntor-bench-observability-'));
  const runs: ObservabilityRun[] = [];
  const row = (r: ObservabilityRun) =>
    `  ${`observability ${r.mode}`.padEnd(18)} ${String(r.records).padStart(7)} records  ${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(r.perSecond).toLocaleString('en-US').padStart(8)} records/s` +
    (r.mode === 'on' ? `  (${r.spansExported.toLocaleString('en-US')} spans exported, ${Math.round(r.emfBytes / 1024).toLocaleString('en-US')} KiB of EMF)` : '');
  try {
    log(`Handler throughput, worker execute, batch size ${batch}, ${invocations} invocations per run, ${rounds} alternating rounds`);
    for (let round = 1; round <= rounds; round += 1) {
      for (const mode of round % 2 === 1 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        runs.push(await runOnce(mode, batch, invocations, dir, round, topic));
        log(row(runs.at(-1)!));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
  // Both: the best run is the least disturbed one; the mean over alternating rounds cancels the drift
  // of a broker and a Redis warming up. The target is judged on the mean.
  const of = (mode: 'off' | 'on') => runs.filter((r) => r.mode === mode);
  const best = (mode: 'off' | 'on') => of(mode).reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const mean = (mode: 'off' | 'on') => of(mode).reduce((sum, r) => sum + r.perSecond, 0) / of(mode).length;
  const overheadOf = (off: number, on: number) => `${((1 - on / off) * 100).toFixed(1)} %`;
  const overhead = 1 - mean('on') / mean('off');
  log(`\nBest of ${rounds}:`);
  log(row(best('off')));
  log(row(best('on')));
  log(`  overhead of the best runs: ${overheadOf(best('off').perSecond, best('on').perSecond)}`);
  log(`Mean of ${rounds}: off ${Math.round(mean('off')).toLocaleString('en-US')} records/s, on ${Math.round(mean('on')).toLocaleString('en-US')} records/s`);
  log(`  overhead with tracing and metrics on (means): ${(overhead * 100).toFixed(1)} % (target <= 15 %) ${overhead <= 0.15 ? 'MET' : 'NOT MET'}`);
  return 0;
}
