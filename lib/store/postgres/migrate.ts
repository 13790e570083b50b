import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import { StoreMigrationError } from '../errors.js';
import { markDependency } from '../../errors/dependencyOutage.js';
import { PostgresClient, pgClientConfig, type PgConnection } from './pool.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
export const MIGRATIONS_TABLE = 'pgmigrations';

export interface MigrateOptions {
  direction?: 'up' | 'down';
  /** How many migrations to apply; all pending ones by default (up), one (down). */
  count?: number;
  log?: (line: string) => void;
}

/**
 * Applies the SQL migrations in `lib/store/migrations`. Idempotent: applied ones are recorded in
 * `pgmigrations` and skipped; an advisory lock makes concurrent runners wait their turn.
 *
 * @returns the names of the migrations run now.
 */
export async function migrate(connection: PgConnection, options: MigrateOptions = {}): Promise<string[]> {
  const direction = options.direction ?? 'up';
  const log = options.log ?? (() => undefined);
  // Our own client rather than node-pg-migrate's: its client has no 'error' listener, so a server
  // restart during a migration would be an uncaught exception instead of a failed migration.
  const client = new PostgresClient(pgClientConfig(connection));
  let lost: Error | undefined;
  client.on('error', (error) => {
    lost ??= markDependency(error, 'postgres');
  });
  try {
    await client.connect();
    const ran = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      migrationsTable: MIGRATIONS_TABLE,
      direction,
      count: options.count ?? (direction === 'up' ? Infinity : 1),
      checkOrder: true,
      singleTransaction: true,
      // Several cold starts may migrate at once: the later ones wait for the lock, then find nothing to do.
      advisoryLockMode: 'wait',
      logger: { debug: () => undefined, info: log, warn: log, error: log },
    });
    return ran.map((m) => m.name);
  } catch (error) {
    const cause = lost ?? error;
    throw new StoreMigrationError(
      `Migrations ${direction} failed on ${connection.host}:${connection.port}/${connection.database}: ${(error as Error).message}`,
      { cause: markDependency(cause, 'postgres') },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
