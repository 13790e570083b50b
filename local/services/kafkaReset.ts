import { rm } from 'node:fs/promises';
import type { SyntorConfig } from '../../lib/config/index.js';
import { REPO_ROOT } from './constants.js';
import { ServicesResetRefusedError } from './errors.js';
import { withFileLock } from './fileLock.js';
import { legacyDataDirs, readDataDir } from './kafkaDataDir.js';
import { readLiveBrokerPid, removePidFile } from './kafkaPidFile.js';
import { probeKafka } from './kafkaProbe.js';
import { terminateBroker } from './kafkaStop.js';
import { kafkaStatePaths } from './paths.js';
import { topicsInDataDir } from './storageDecision.js';

export interface ResetKafkaOptions {
  readonly config: Pick<SyntorConfig, 'kafka'>;
  readonly log?: (line: string) => void;
  /** Where `.syntor/kafka/` lives; the repository root unless a test says otherwise. */
  readonly repoRoot?: string;
}

export interface ResetKafkaResult {
  /** The pid of our broker, when it ran and was stopped first. */
  readonly stoppedPid?: number;
  /** The folders deleted (the data dir, and old-layout `data-<timestamp>` ones). */
  readonly deleted: readonly string[];
  /** The user topics the data dir held. */
  readonly topics: readonly string[];
}

/** A reset waits this long for a concurrent start to finish rather than pull the data from under it. */
const RESET_LOCK_TIMEOUT_MS = 5 * 60_000;
const NAMES_SHOWN = 10;

/**
 * Deletes the local broker's data (every topic, record and committed offset): stops the broker this
 * project started if it runs, then removes `.syntor/kafka/data`, so the next start formats new storage.
 *
 * @throws ServicesResetRefusedError when a broker this project did not start answers at the
 *   configured address; nothing is stopped or deleted then.
 * @example
 * await resetKafka({ config: loadConfig(), log: console.log });
 */
export async function resetKafka(options: ResetKafkaOptions): Promise<ResetKafkaResult> {
  const log = options.log ?? (() => undefined);
  const paths = kafkaStatePaths(options.repoRoot ?? REPO_ROOT);
  const address = options.config.kafka.brokers.join(',');

  return withFileLock(
    paths.lockFile,
    async () => {
      const pid = await readLiveBrokerPid(paths.pidFile);
      if (pid === undefined && (await probeKafka(options.config.kafka.brokers)).reachable) {
        throw new ServicesResetRefusedError(address, paths.dataDir);
      }
      if (pid !== undefined) {
        log(`Kafka reset: stopping the broker this project started (pid ${pid}) at ${address}…`);
        await terminateBroker(pid);
      }
      await removePidFile(paths.pidFile);

      const listing = await readDataDir(paths.dataDir);
      const topics = topicsInDataDir(listing.entries);
      const deleted: string[] = [];
      if (listing.exists) {
        log(`Kafka reset: deleting ${paths.dataDir}: ${describeTopics(topics)}, their records and committed consumer offsets.`);
        await rm(paths.dataDir, { recursive: true, force: true });
        deleted.push(paths.dataDir);
      } else {
        log(`Kafka reset: ${paths.dataDir} does not exist; no data to delete.`);
      }
      for (const dir of await legacyDataDirs(paths)) {
        log(`Kafka reset: deleting ${dir} (old layout).`);
        await rm(dir, { recursive: true, force: true });
        deleted.push(dir);
      }
      log(
        `Kafka reset done${pid === undefined ? '' : '; the broker stays stopped'}: ` +
          'the next `npm run services -- start` formats new storage.',
      );
      return { ...(pid === undefined ? {} : { stoppedPid: pid }), deleted, topics };
    },
    RESET_LOCK_TIMEOUT_MS,
  );
}

function describeTopics(topics: readonly string[]): string {
  if (topics.length === 0) return 'no topics';
  const shown = topics.slice(0, NAMES_SHOWN).join(', ');
  const more = topics.length > NAMES_SHOWN ? `, and ${topics.length - NAMES_SHOWN} more` : '';
  return `${topics.length} topic${topics.length === 1 ? '' : 's'} (${shown}${more})`;
}
