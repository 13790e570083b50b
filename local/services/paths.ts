import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where downloaded artefacts live, outside the repository so a fresh clone or `git clean` keeps them:
 * `$SYNTOR_CACHE_DIR`, else `$XDG_CACHE_HOME/syntor`, else `~/.cache/syntor`.
 *
 * @example
 * resolveCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me'); // '/var/cache/me/syntor'
 */
export function resolveCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.SYNTOR_CACHE_DIR) return resolve(env.SYNTOR_CACHE_DIR);
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(xdg, 'syntor');
}

/** The folder of Kafka jars (the `-cp "<dir>/*"` of every java command). */
export function kafkaJarsDir(cacheDir: string, version: string): string {
  return join(cacheDir, `kafka-${version}`, 'jars');
}

/** Runtime files of the broker this project starts; `.syntor/` is gitignored. */
export interface KafkaStatePaths {
  readonly dir: string;
  readonly pidFile: string;
  readonly lockFile: string;
  readonly serverProperties: string;
  readonly brokerLog: string;
  /** The broker's log.dirs: formatted once, kept across stops, crashes and reboots; `reset` deletes it. */
  readonly dataDir: string;
  /** Earlier versions formatted `<dir>/data-<timestamp>` on every start; the next start removes those. */
  readonly legacyDataDirPrefix: string;
}

export function kafkaStatePaths(repoRoot: string): KafkaStatePaths {
  const dir = join(repoRoot, '.syntor', 'kafka');
  return {
    dir,
    pidFile: join(dir, 'kafka.pid'),
    lockFile: join(dir, 'start.lock'),
    serverProperties: join(dir, 'server.properties'),
    brokerLog: join(dir, 'broker.log'),
    dataDir: join(dir, 'data'),
    legacyDataDirPrefix: 'data-',
  };
}

export function redisStateDir(repoRoot: string): string {
  return join(repoRoot, '.syntor', 'redis');
}
