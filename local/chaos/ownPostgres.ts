import { appendFile, chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyntorConfig } from '../../lib/config/index.js';
import { migrate } from '../../lib/store/postgres/migrate.js';
import { provisionRoleAndDatabase } from '../services/postgresProvision.js';
import { probePostgres } from '../services/postgresProbe.js';
import { ChaosServiceError } from './errors.js';
import { handOver, POSTGRES_OS_USER, runPostgresProgram } from './runAsServiceUser.js';
import { waitUntil } from './waitUntil.js';

export type PostgresConnection = SyntorConfig['postgres'];

export interface OwnPostgres {
  readonly connection: PostgresConnection;
  readonly logFile: string;
  /** `pg_ctl restart -m fast` (clients are disconnected, a checkpoint is written) or `-m immediate` (a crash). */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  stop(): Promise<void>;
}

/** SYNTOR's defaults (lib/config/schema.ts): the harness connects with them. */
const APP = { user: 'syntor', password: 'syntor', database: 'syntor' } as const;

/**
 * Initialises a throw-away cluster in `<workDir>/postgres`, starts it on `port` (127.0.0.1 and a
 * private socket folder, trust authentication), creates SYNTOR's role and database and migrates it.
 *
 * @example
 * const pg = await startOwnPostgres({ bin: '/usr/lib/postgresql/15/bin', workDir, port: 55432 });
 * await pg.restart('fast');
 */
export async function startOwnPostgres(options: {
  readonly bin: string;
  readonly workDir: string;
  readonly port: number;
  readonly log?: (line: string) => void;
}): Promise<OwnPostgres> {
  const log = options.log ?? (() => undefined);
  const root = join(options.workDir, 'postgres');
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'sock');
  const logFile = join(root, 'postgres.log');
  const pgCtl = join(options.bin, 'pg_ctl');
  await mkdir(socketDir, { recursive: true });
  // The cluster's account must be able to reach its folder inside the (root-owned) work folder.
  await chmod(options.workDir, 0o755);
  await handOver(root);

  const startedAt = Date.now();
  await runPostgresProgram(join(options.bin, 'initdb'), ['-D', dataDir, '-U', POSTGRES_OS_USER, '--auth=trust', '--encoding=UTF8', '--no-sync']);
  // In postgresql.conf rather than `pg_ctl -o`, so every restart keeps them. fsync only guards
  // against the machine crashing, which is not one of our faults; synchronous_commit stays on.
  await appendFile(
    join(dataDir, 'postgresql.conf'),
    [`port = ${options.port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${socketDir}'`, 'fsync = off', 'max_connections = 100', ''].join('\n'),
  );
  const ctl = (args: string[]) => runPostgresProgram(pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', ...args]);
  await ctl(['start']);

  const connection: PostgresConnection = { host: '127.0.0.1', port: options.port, ...APP, ssl: false, poolMax: 5 };
  await provisionRoleAndDatabase(connection, { ...process.env, SYNTOR_POSTGRES_ADMIN_USER: POSTGRES_OS_USER, SYNTOR_POSTGRES_ADMIN_PASSWORD: '' });
  await migrate(connection);
  log(`PostgreSQL: own cluster on 127.0.0.1:${options.port} (${dataDir}) initialised, provisioned and migrated in ${Date.now() - startedAt} ms`);

  const waitReachable = async () => {
    if (!(await waitUntil(async () => (await probePostgres(connection)).reachable, 60_000))) {
      throw new ChaosServiceError('postgres', `did not answer within 60 s after a restart; see ${logFile}`);
    }
  };
  return {
    connection,
    logFile,
    async restart(mode) {
      await ctl(['-m', mode, 'restart']);
      await waitReachable();
    },
    async stop() {
      await ctl(['-m', 'fast', 'stop']).catch(() => undefined);
    },
  };
}
