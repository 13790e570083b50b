import pg from 'pg';
import type { SyntorConfig } from '../../config/index.js';

export type PgConnection = SyntorConfig['postgres'];

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
 * A connection pool. Create it once at module scope and reuse it across invocations.
 *
 * @example
 * const pool = createPool(getConfig().postgres);
 */
export function createPool(connection: PgConnection): pg.Pool {
  const pool = new pg.Pool({ ...pgClientConfig(connection), max: connection.poolMax, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would kill the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one client, rolling back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
