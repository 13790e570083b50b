import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULT_GAP_MS, LOAD_TAIL_MS } from './constants.js';
import { withDatabase } from './database.js';
import { waitForDrain } from './drain.js';
import { ChaosServiceError } from './errors.js';
import { runFaults } from './faults.js';
import { freePorts } from './freePort.js';
import { startHarnessProcess, type HarnessProcess } from './harnessProcess.js';
import { harnessEnv } from './harnessEnv.js';
import { runLoad } from './load.js';
import { logTail } from './logTail.js';
import { startOwnKafka, type OwnKafka } from './ownKafka.js';
import { startOwnPostgres, type OwnPostgres } from './ownPostgres.js';
import { startOwnRedis, type OwnRedis } from './ownRedis.js';
import { findChaosPrograms } from './prerequisites.js';
import { measureRecovery } from './recovery.js';
import { unhandledRejections } from './unhandledRejections.js';
import type { ChaosOptions, ChaosReport, FaultRecord, Violation } from './types.js';
import { judge } from './verdict.js';
import { waitForWorkers } from './workersReady.js';

/**
 * The chaos run: starts its own PostgreSQL, Redis and Kafka (on free ports, in a temporary folder)
 * and the harness as a child process; submits tasks over HTTP while it restarts PostgreSQL, empties
 * Redis, SIGKILLs the harness and the broker; waits for the backlog; then judges from the database
 * that every acknowledged task reached exactly one terminal state, once. Stops all it started.
 *
 * @throws ChaosPrerequisiteError when java, initdb/pg_ctl or redis-server is missing (never skipped);
 *   ChaosServiceError when one of its services cannot be started at all.
 * @example
 * const report = await runChaos({ ...SHORT_RUN, log: console.log });
 * if (!report.passed) console.log(formatReport(report));
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const programs = findChaosPrograms();
  const startedAt = Date.now();
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'syntor-chaos-')));
  await mkdir(workDir, { recursive: true });
  const [pgPort, redisPort, brokerPort, controllerPort, httpPort, metricsPort, healthPort] = await freePorts(7);
  log(`Chaos: work folder ${workDir}; ports postgres ${pgPort}, redis ${redisPort}, kafka ${brokerPort}/${controllerPort}, http ${httpPort}`);

  let postgres: OwnPostgres | undefined;
  let redis: OwnRedis | undefined;
  let kafka: OwnKafka | undefined;
  let harness: HarnessProcess | undefined;
  let passed = false;
  try {
    // Assigned one by one, so that whatever did start is stopped when another one fails.
    await Promise.all([
      startOwnPostgres({ bin: programs.postgresBin, workDir, port: pgPort!, log }).then((started) => (postgres = started)),
      startOwnRedis({ redisServer: programs.redisServer, workDir, port: redisPort!, log }).then((started) => (redis = started)),
      startOwnKafka({ workDir, brokerPort: brokerPort!, controllerPort: controllerPort!, partitions: 3, log }).then((started) => (kafka = started)),
    ]);
    if (!postgres || !redis || !kafka) throw new ChaosServiceError('services', 'not all started');
    const env = harnessEnv({ kafka: kafka.address, redis: redis.address, postgresPort: pgPort!, httpPort: httpPort!, metricsPort: metricsPort!, healthPort: healthPort!, gitWorkspace: join(workDir, 'git') });
    harness = await startHarnessProcess({ workDir, env, httpPort: httpPort!, healthPort: healthPort!, log });
    if (!(await waitForWorkers(harness.httpUrl, 60_000))) {
      throw new ChaosServiceError('harness', `the workers did not register within 60 s; end of ${harness.logFile}:\n${await logTail(harness.logFile, 5)}`);
    }

    const runId = `chaos-${randomBytes(4).toString('hex')}`;
    log(`Chaos: submitting ≥${options.tasks} tasks at ${options.rate}/s (run ${runId}); faults ${options.faults.join(', ')}`);
    let faultsEndedAt: number | undefined;
    const targets = { postgres, redis, kafka, harness };
    const faultsRun = runFaults({ faults: options.faults, targets, downMs: options.downMs, gapMs: FAULT_GAP_MS, log }).finally(() => (faultsEndedAt = Date.now()));
    const [load, faultRecords] = await Promise.all([
      runLoad({ url: harness.httpUrl, runId, tasks: options.tasks, rate: options.rate, failingShare: options.failingShare, keepGoing: () => faultsEndedAt === undefined || Date.now() < faultsEndedAt + LOAD_TAIL_MS, log }),
      faultsRun,
    ]);
    log(`Chaos: ${load.acknowledged.length} of ${load.submitted} acknowledged; waiting up to ${options.drainTimeoutMs / 1000} s for them to finish…`);
    await waitForDrain({ connection: postgres.connection, ids: load.acknowledged.map((a) => a.id), timeoutMs: options.drainTimeoutMs, log });

    const { verdict, faults } = await withDatabase(postgres.connection, async (client) => ({
      verdict: await judge(client, load.acknowledged),
      faults: await measureRecovery(client, faultRecords, load.acknowledged),
    }));
    const exits = harness.unexpectedExits.map((e) => ({ at: e.at, how: e.how, logTail: e.logTail }));
    const rejections = await unhandledRejections(harness.logFile);
    const violations: Violation[] = [
      ...verdict.violations,
      ...(load.acknowledged.length === 0 ? [{ kind: 'nothing-acknowledged' as const, message: 'no submission was acknowledged' }] : []),
      ...exits.map((e) => ({ kind: 'harness-died' as const, message: `the harness died on its own at ${new Date(e.at).toISOString()} (${e.how}): ${firstLogLine(e.logTail)}` })),
      ...faultRecords.filter((f): f is FaultRecord & { error: string } => f.error !== undefined).map((f) => ({ kind: 'fault-failed' as const, message: `${f.name}: ${f.error}` })),
      ...(rejections.length > 0 ? [{ kind: 'unhandled-rejection' as const, message: `the harness reported ${rejections.length} unhandled rejection(s), first: ${rejections[0]}` }] : []),
    ];
    passed = violations.length === 0;
    const { log: _omitted, ...shown } = options; // eslint-disable-line @typescript-eslint/no-unused-vars
    return { options: shown, load, faults, verdict: { ...verdict, violations }, harnessUnexpectedExits: exits, durationMs: Date.now() - startedAt, workDir, passed };
  } finally {
    await harness?.stop().catch(() => undefined);
    await Promise.all([kafka?.stop(), redis?.stop(), postgres?.stop()].map((p) => p?.catch(() => undefined)));
    if (passed && !options.keepWorkDir && options.workDir === undefined) await rm(workDir, { recursive: true, force: true });
  }
}

/** The most telling line of a log tail: a thrown error's own line, else an "Unhandled…" line, else the last line. */
function firstLogLine(tail: string): string {
  const lines = tail.split('\n').map((l) => l.trim());
  const line = lines.find((l) => /^(\w*Error|\w+Exception)\b.*:/.test(l)) ?? lines.find((l) => /unhandled|uncaught|fatal/i.test(l)) ?? lines.at(-1) ?? '';
  return line.slice(0, 400);
}
