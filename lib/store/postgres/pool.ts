import pg from 'pg';
import type { SyntorConfig } from '../../config/index.js';
import { dependencyOutage, markDependency } from '../../errors/dependencyOutage.js';
import { createOutageLog } from '../../errors/outageLog.js';
import { getLogger } from '../../observability/logger.js';

export type PgConnection = SyntorConfig['postgres'];

/**
 * pg's client, except that a failed connect says it was PostgreSQL's: a bare ECONNREFUSED looks the
 * same from every client, and the HTTP 503 has to name the service.
 */
export class PostgresClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ((error: Error) => void) | ((error: null, client: pg.Client) => void)): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg calls back with (error) or (null, client)
  override connect(callback?: (...args: any[]) => void): Promise<pg.Client> | void {
    if (!callback) {
      return super.connect().catch((error: unknown) => {
        throw markDependency(error, 'postgres');
      });
    }
    const marked = (error: Error | null, client?: pg.Client) => callback(error ? markDependency(error, 'postgres') : error, client);
    super.connect(marked as (error: Error) => void);
  }
}

/** pg settings for SYNTOR's connection config (shared by the pool and the migration runner). */
export function pgClientConfig(connection: PgConnection): pg.ClientConfig {
  return {
    host: connection.host,
    port: connection.port,
    user: connection.user,
    password: connection.password,
    database: connection.database,
    ssl: connection.ssl ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: 5_000,
    application_name: 'syntor',
  };
}

/**
 * A connection pool. Create it once at module scope and reuse it across invocations. A lost server
 * costs the queries running at that moment (they reject with an error `dependencyOutage` calls
 * 'postgres'); the pool drops the dead clients and connects new ones for the next queries.
 *
 * @example
 * const pool = createPool(getConfig().postgres);
 */
export function createPool(connection: PgConnection): pg.Pool {
  const pool = new pg.Pool({ ...pgClientConfig(connection), Client: PostgresClient, max: connection.poolMax, idleTimeoutMillis: 30_000 });
  const outage = createOutageLog('postgres', getLogger);
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would kill the process.
  pool.on('error', (error) => outage.down(error));
  pool.on('connect', () => outage.up());
  return pool;
}

/**
 * Runs `work` in one transaction on one client, rolling back on any error. The client is watched
 * for the time it is held: a backend that goes away mid-transaction (a restart, a failover,
 * `pg_terminate_backend`) rejects the call and the client is given back as broken, so the pool
 * discards it instead of handing a dead connection to the next caller.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect().catch((error: unknown) => {
    throw markDependency(error, 'postgres');
  });
  let lost: Error | undefined;
  // A checked-out client has no pool listener: without this, its 'error' is an uncaught exception.
  const onError = (error: Error) => {
    lost ??= markDependency(error, 'postgres');
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (lost === undefined && dependencyOutage(error) !== 'postgres') {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    lost ??= error instanceof Error ? error : new Error(String(error));
    // A lost connection rolls the transaction back on the server; the error says which service failed.
    throw markDependency(error, 'postgres');
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}
