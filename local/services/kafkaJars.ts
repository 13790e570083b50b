import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KAFKA_POM_PATH, KAFKA_VERSION } from './constants.js';
import { ServicesUnavailableError } from './errors.js';
import { findExecutable } from './findExecutable.js';
import { kafkaJarsDir, resolveCacheDir } from './paths.js';
import { REMEDIES } from './remedies.js';
import { runCommand } from './runCommand.js';
import { seconds } from './seconds.js';

export interface KafkaJarsOptions {
  readonly address: string;
  readonly log: (line: string) => void;
  readonly required?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

export interface KafkaJars {
  readonly dir: string;
  /** True when this call downloaded them (the first run on a machine). */
  readonly fetched: boolean;
}

/** The jar that proves a cache folder is complete: the rename into place is the last step. */
const markerJar = `kafka_2.13-${KAFKA_VERSION}.jar`;

async function hasJars(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes(markerJar);
  } catch {
    return false;
  }
}

/**
 * Makes sure the Kafka classpath is in the cache (see {@link resolveCacheDir}), fetching it with Maven
 * from local/kafka/pom.xml on first use.
 *
 * @throws ServicesUnavailableError (service `kafka`) when Maven is missing or the download fails.
 */
export async function ensureKafkaJars(options: KafkaJarsOptions): Promise<KafkaJars> {
  const env = options.env ?? process.env;
  const dir = kafkaJarsDir(resolveCacheDir(env), KAFKA_VERSION);
  if (await hasJars(dir)) return { dir, fetched: false };

  const unavailable = (reason: string, remedy: string, cause?: unknown) =>
    new ServicesUnavailableError(
      { service: 'kafka', address: options.address, reason, remedy, required: options.required },
      { cause },
    );
  const mvn = findExecutable('mvn', env);
  if (mvn === undefined) {
    throw unavailable(`the Kafka ${KAFKA_VERSION} jars are not cached in ${dir} and mvn is not installed`, REMEDIES.maven);
  }

  // Download next to the final folder (same file system), then rename: an interrupted download
  // leaves only a temporary folder, never a half-filled cache that later looks complete.
  const staging = join(dirname(dir), `jars.tmp-${process.pid}-${Date.now()}`);
  // A folder without the marker jar was not made by us (ours appear whole); it would block the rename.
  await rm(dir, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  options.log(`Fetching Kafka ${KAFKA_VERSION} jars from Maven Central (first run only)…`);
  const startedAt = Date.now();
  try {
    await runCommand(
      mvn,
      ['-B', '-q', '-f', KAFKA_POM_PATH, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`],
      { env, timeoutMs: 15 * 60_000 },
    );
    await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished the same download first; theirs is as good as ours.
      if ((error.code === 'ENOTEMPTY' || error.code === 'EEXIST') && (await hasJars(dir))) return;
      throw error;
    });
  } catch (error) {
    throw unavailable(
      `fetching the Kafka ${KAFKA_VERSION} jars with Maven failed`,
      'check that Maven Central is reachable (mvn -B dependency:copy-dependencies -f local/kafka/pom.xml), then retry',
      error,
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const files = await readdir(dir);
  let bytes = 0;
  for (const file of files) bytes += (await stat(join(dir, file))).size;
  options.log(
    `Fetched ${files.length} jars (${(bytes / 1024 / 1024).toFixed(0)} MB) in ${seconds(Date.now() - startedAt)} into ${dir}`,
  );
  return { dir, fetched: true };
}
