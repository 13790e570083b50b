import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import type { SyntorConfig } from '../../lib/config/index.js';
import { isLocalHost, parseHostPort } from './address.js';
import {
  KAFKA_JVM_OPTIONS,
  KAFKA_LOG4J_PATH,
  KAFKA_READY_TIMEOUT_MS,
  KAFKA_RECOVERY_READY_TIMEOUT_MS,
  KAFKA_VERSION,
  REPO_ROOT,
} from './constants.js';
import { ServicesUnavailableError } from './errors.js';
import { withFileLock } from './fileLock.js';
import { findJava } from './findExecutable.js';
import { ensureKafkaJars } from './kafkaJars.js';
import { readLiveBrokerPid, removePidFile, writePidFile } from './kafkaPidFile.js';
import { probeKafka, waitForKafka } from './kafkaProbe.js';
import { formatKafkaStorage } from './kafkaStorage.js';
import { readLogTail } from './logTail.js';
import { seconds } from './seconds.js';
import { kafkaStatePaths, type KafkaStatePaths } from './paths.js';
import { terminateBroker } from './kafkaStop.js';
import { readDataDir, removeLegacyDataDirs } from './kafkaDataDir.js';
import { decideStorage } from './storageDecision.js';
import { REMEDIES } from './remedies.js';
import { kafkaNodeAddresses, renderServerProperties, type KafkaNodeAddresses } from './serverProperties.js';

export interface KafkaOptions {
  readonly config: Pick<SyntorConfig, 'kafka'>;
  readonly log?: (line: string) => void;
  /** Only changes the wording of errors (CI=true). */
  readonly required?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Where `.syntor/kafka/` lives; the repository root unless a test says otherwise. */
  readonly repoRoot?: string;
}

export interface StartKafkaResult {
  readonly address: string;
  /** True when this call launched the broker; false when one was already reachable. */
  readonly started: boolean;
  /** Our broker's pid, when we (now or earlier) started the one that answers. */
  readonly pid?: number;
  /** Milliseconds from launching the JVM to a successful `describeCluster()`. */
  readonly readyMs?: number;
  /**
   * When this call launched the broker: whether it formatted new storage, started on data left by a
   * clean stop, or on data it first had to recover (after a kill -9, crash or power loss).
   */
  readonly storage?: 'formatted' | 'reused' | 'recovered';
}

/** Waiting on the start lock must outlast a first-run jar download by another process. */
const START_LOCK_TIMEOUT_MS = 15 * 60_000;

type Unavailable = (
  reason: string,
  remedy: string,
  extra?: { cause?: unknown; detail?: string },
) => ServicesUnavailableError;



/**
 * Makes a Kafka broker reachable at the first configured address: returns at once if one already
 * answers, otherwise fetches the jars (first run), formats `.syntor/kafka/data` if it never was
 * (every later start reuses it: topics, records and committed offsets survive a stop, a kill -9 or a
 * reboot) and launches a detached JVM that outlives this process, then waits (60 s, or 180 s when
 * existing data may need recovering) for `describeCluster()` to succeed.
 *
 * @throws ServicesUnavailableError when Java or Maven is missing, the address is not local, or the
 *   broker dies or does not answer in time (with the end of broker.log in `detail`).
 * @example
 * const { started, readyMs } = await startKafka({ config: loadConfig(), log: console.log });
 */
export async function startKafka(options: KafkaOptions): Promise<StartKafkaResult> {
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const paths = kafkaStatePaths(options.repoRoot ?? REPO_ROOT);
  const brokers = options.config.kafka.brokers;
  const address = brokers[0] ?? '';
  const unavailable: Unavailable = (reason, remedy, extra = {}) =>
    new ServicesUnavailableError(
      { service: 'kafka', address, reason, remedy, required: options.required, detail: extra.detail },
      { cause: extra.cause },
    );

  const alreadyThere = async (): Promise<StartKafkaResult | undefined> => {
    if (!(await probeKafka(brokers)).reachable) return undefined;
    const pid = await readLiveBrokerPid(paths.pidFile);
    log(
      `Kafka is already reachable at ${address}` +
        (pid === undefined ? ' (not started by this project); not starting another.' : ` (started earlier, pid ${pid}).`),
    );
    return { address, started: false, ...(pid === undefined ? {} : { pid }) };
  };

  const early = await alreadyThere();
  if (early) return early;
  const { host } = parseHostPort(address);
  if (!isLocalHost(host)) {
    throw unavailable(
      `nothing answers there, and ${host} is not this machine, so a broker cannot be started for it`,
      `start that broker, or point SYNTOR_KAFKA_BROKERS at 127.0.0.1:9092 to have one started here`,
    );
  }
  const addresses = kafkaNodeAddresses(options.config, env);
  const java = findJava(env);
  if (java === undefined) throw unavailable('java was not found (JAVA_HOME or PATH)', REMEDIES.java);

  return withFileLock(
    paths.lockFile,
    async () => {
      // Whoever held the lock before us may have started it meanwhile.
      const late = await alreadyThere();
      if (late) return late;
      const orphan = await readLiveBrokerPid(paths.pidFile);
      if (orphan !== undefined) {
        log(`A broker started earlier (pid ${orphan}) is running but not answering yet; waiting for it…`);
        // It may be recovering its logs after an unclean shutdown.
        const probe = await waitForKafka(brokers, { timeoutMs: KAFKA_RECOVERY_READY_TIMEOUT_MS });
        if (probe.reachable) return { address, started: false, pid: orphan };
        throw unavailable(
          `the broker started earlier (pid ${orphan}) does not answer: ${probe.error}`,
          'run `npm run services -- stop`, then start again',
          { detail: await brokerLogDetail(paths) },
        );
      }
      const jars = await ensureKafkaJars({ address, log, required: options.required, env });
      return launchBroker({ addresses, paths, java, jarsDir: jars.dir, address, log, unavailable });
    },
    START_LOCK_TIMEOUT_MS,
  );
}

interface LaunchContext {
  readonly addresses: KafkaNodeAddresses;
  readonly paths: KafkaStatePaths;
  readonly java: string;
  readonly jarsDir: string;
  readonly address: string;
  readonly log: (line: string) => void;
  readonly unavailable: Unavailable;
}

async function launchBroker(context: LaunchContext): Promise<StartKafkaResult> {
  const { addresses, paths, java, jarsDir, address, log, unavailable } = context;
  await mkdir(paths.dir, { recursive: true });
  const legacy = await removeLegacyDataDirs(paths);
  if (legacy.length > 0) {
    log(`Kafka: removed ${legacy.join(', ')} (old layout, formatted anew on every start); data now stays in ${paths.dataDir}.`);
  }
  const storage = decideStorage(await readDataDir(paths.dataDir));
  if (storage.action === 'refuse') {
    throw unavailable(
      `the data dir ${paths.dataDir} cannot be used: ${storage.reason}`,
      'run `npm run services -- reset` to delete it (every local topic and record), then start again',
    );
  }
  if (storage.action === 'format' && storage.clearFirst) await rm(paths.dataDir, { recursive: true, force: true });
  await mkdir(paths.dataDir, { recursive: true });
  await writeFile(paths.serverProperties, renderServerProperties({ ...addresses, logDir: paths.dataDir }));
  // The previous run's log is what explains a crash; keep one generation of it.
  await rename(paths.brokerLog, `${paths.brokerLog}.1`).catch(() => undefined);
  await writeFile(paths.brokerLog, '');

  log(
    `Starting Kafka ${KAFKA_VERSION} at ${address} (controller port ${addresses.controllerPort}) ` +
      (storage.action === 'reuse'
        ? `on its existing data in ${paths.dataDir}${storage.cleanShutdown ? '' : ' (not shut down cleanly: recovering its logs)'}…`
        : `with new storage in ${paths.dataDir}…`),
  );
  let formatMs: number | undefined;
  if (storage.action === 'format') {
    const formatStartedAt = Date.now();
    try {
      await formatKafkaStorage({ java, jarsDir, serverProperties: paths.serverProperties, logFile: paths.brokerLog });
    } catch (error) {
      // Nothing of value is there yet, and a half-written meta.properties must not be reused.
      await rm(paths.dataDir, { recursive: true, force: true });
      throw unavailable('formatting the broker storage (kafka.tools.StorageTool) failed', `see ${paths.brokerLog}`, {
        cause: error,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    formatMs = Date.now() - formatStartedAt;
  }

  const out = openSync(paths.brokerLog, 'a');
  const launchedAt = Date.now();
  const child = spawn(
    java,
    [
      ...KAFKA_JVM_OPTIONS,
      `-Dlog4j2.configurationFile=${KAFKA_LOG4J_PATH}`,
      '-cp',
      `${jarsDir}/*`,
      'kafka.Kafka',
      paths.serverProperties,
    ],
    // Detached with its output in a file, so the broker keeps running after the CLI exits.
    { cwd: paths.dir, detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `exit code ${code}`));
  child.once('error', (error) => (exit = error.message));
  child.unref();
  if (child.pid === undefined) {
    throw unavailable(`java could not be launched: ${exit ?? 'no pid'}`, REMEDIES.java);
  }
  await writePidFile(paths.pidFile, child.pid);

  // Existing data may first need log recovery (after a kill or a reboot), which takes longer.
  const readyTimeoutMs = storage.action === 'reuse' ? KAFKA_RECOVERY_READY_TIMEOUT_MS : KAFKA_READY_TIMEOUT_MS;
  const probe = await waitForKafka([address], { timeoutMs: readyTimeoutMs, gaveUp: () => exit !== undefined });
  if (!probe.reachable) {
    if (exit === undefined) await terminateBroker(child.pid);
    await removePidFile(paths.pidFile);
    const why =
      exit === undefined
        ? `the broker did not answer within ${seconds(readyTimeoutMs)} (${probe.error}); it was stopped`
        : `the broker exited during start-up (${exit})`;
    const remedy =
      'fix the cause shown above (often a port is taken: SYNTOR_KAFKA_BROKERS / SYNTOR_KAFKA_CONTROLLER_PORT), then start again' +
      (storage.action === 'reuse'
        ? `; if it cannot load its data, \`npm run services -- reset\` deletes ${paths.dataDir}`
        : '');
    throw unavailable(why, remedy, { detail: await brokerLogDetail(paths) });
  }
  const readyMs = Date.now() - launchedAt;
  const storageNote =
    storage.action === 'reuse'
      ? `existing data in ${paths.dataDir}${storage.cleanShutdown ? '' : ', recovered after an unclean shutdown'}`
      : `formatted new storage in ${paths.dataDir} in ${seconds(formatMs ?? 0)}`;
  log(
    `Kafka ${KAFKA_VERSION} ready at ${address} in ${seconds(readyMs)} after launch ` +
      `(${storageNote}; pid ${child.pid}; log ${paths.brokerLog}).`,
  );
  return {
    address,
    started: true,
    pid: child.pid,
    readyMs,
    storage: storage.action === 'reuse' ? (storage.cleanShutdown ? 'reused' : 'recovered') : 'formatted',
  };
}

async function brokerLogDetail(paths: KafkaStatePaths): Promise<string> {
  const tail = await readLogTail(paths.brokerLog, 30);
  return tail === '' ? '' : `Last lines of ${paths.brokerLog} (stack frames left out):\n${tail}`;
}
