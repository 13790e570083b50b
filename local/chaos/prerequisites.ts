import { accessSync, constants, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findExecutable, findJava } from '../services/findExecutable.js';
import { ChaosPrerequisiteError } from './errors.js';

/** Where Debian and Ubuntu put each PostgreSQL major version's programs. */
const POSTGRES_LIB = '/usr/lib/postgresql';

export interface ChaosPrograms {
  readonly java: string;
  /** The folder holding initdb, pg_ctl and postgres of one PostgreSQL version. */
  readonly postgresBin: string;
  readonly redisServer: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The newest `/usr/lib/postgresql/<version>/bin` with an initdb, else the folder of initdb on PATH. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const versions = (() => {
    try {
      return readdirSync(POSTGRES_LIB);
    } catch {
      return [];
    }
  })();
  const newestFirst = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of newestFirst) {
    const bin = join(POSTGRES_LIB, version, 'bin');
    if (executable(join(bin, 'initdb')) && executable(join(bin, 'pg_ctl'))) return bin;
  }
  const initdb = findExecutable('initdb', env);
  return initdb === undefined ? undefined : dirname(initdb);
}

/**
 * The programs the suite starts its own Kafka, PostgreSQL and Redis with.
 *
 * @throws ChaosPrerequisiteError naming each missing program and how to install it: the suite fails,
 *   never skips, so a CI machine without them is noticed.
 */
export function findChaosPrograms(env: NodeJS.ProcessEnv = process.env): ChaosPrograms {
  const java = findJava(env);
  const postgresBin = findPostgresBin(env);
  const redisServer = findExecutable('redis-server', env);
  const missing = [
    ...(java === undefined ? ['java (JAVA_HOME or PATH; apt-get install openjdk-17-jre-headless)'] : []),
    ...(postgresBin === undefined ? [`initdb and pg_ctl (${POSTGRES_LIB}/<version>/bin or PATH; apt-get install postgresql)`] : []),
    ...(redisServer === undefined ? ['redis-server (PATH; apt-get install redis-server)'] : []),
  ];
  if (java === undefined || postgresBin === undefined || redisServer === undefined) throw new ChaosPrerequisiteError(missing);
  return { java, postgresBin, redisServer };
}
