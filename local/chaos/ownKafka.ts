import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../lib/config/index.js';
import { createKafka } from '../../lib/kafka/client.js';
import { ensureTopics } from '../../lib/kafka/topics.js';
import { startKafka, stopKafka } from '../services/index.js';
import { kafkaStatePaths } from '../services/paths.js';
import { waitForExit } from '../services/processes.js';
import { ChaosServiceError } from './errors.js';

export interface OwnKafka {
  readonly address: string;
  readonly logFile: string;
  /** SIGKILLs the broker (no controlled shutdown), then starts it again with the same state folder. */
  killAndRestart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A broker of the suite's own, started by local/services' `startKafka` with `repoRoot` set to the
 * work folder (so its pid file, lock and data live there, not in the repository's `.syntor/`), on
 * the given broker and controller ports. SYNTOR's topics are created once, here: after a restart
 * the suite never recreates them, so a broker that loses its data shows as stuck tasks.
 */
export async function startOwnKafka(options: {
  readonly workDir: string;
  readonly brokerPort: number;
  readonly controllerPort: number;
  readonly partitions: number;
  readonly log?: (line: string) => void;
}): Promise<OwnKafka> {
  const log = options.log ?? (() => undefined);
  const address = `127.0.0.1:${options.brokerPort}`;
  const env = { ...process.env, SYNTOR_KAFKA_BROKERS: address, SYNTOR_KAFKA_CONTROLLER_PORT: String(options.controllerPort) };
  const config = loadConfig(env);
  const paths = kafkaStatePaths(options.workDir);
  const start = async () => {
    const result = await startKafka({ config, repoRoot: options.workDir, env, log: (line) => log(`Kafka: ${line}`) });
    if (!result.started) throw new ChaosServiceError('kafka', `something else already answers at ${address}; the suite only uses a broker it started`);
  };

  await start();
  await ensureTopics(createKafka(config).admin(), { partitions: options.partitions, replicationFactor: 1 });
  return {
    address,
    logFile: paths.brokerLog,
    async killAndRestart(downMs) {
      const pid = Number((await readFile(paths.pidFile, 'utf8')).trim());
      if (!Number.isInteger(pid) || pid <= 0) throw new ChaosServiceError('kafka', `no broker pid in ${paths.pidFile}`);
      process.kill(pid, 'SIGKILL');
      if (!(await waitForExit(pid, 10_000))) throw new ChaosServiceError('kafka', `broker pid ${pid} survived SIGKILL for 10 s`);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async stop() {
      await stopKafka({ repoRoot: options.workDir });
    },
  };
}
