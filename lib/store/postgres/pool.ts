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
 * Where the pool gets its password when it can change under a running process (a rotated secret on
 * AWS: lib/aws/databasePassword.ts). Without one the configured password is used, as locally.
 */
export interface PasswordSource {
  /** The password a new connection logs in with, asked each time the server wants one. */
  current(): Promise<string>;
  /** Reads the password again, past any cache: called after the server refused a login. */
  refresh(): Promise<void>;
  /** What to throw when the login is refused again after a refresh; it must not carry the password. */
  refused(cause: unknown): Error;
}

export interface PoolOptions {
  readonly password?: PasswordSource;
  /** Which connect errors a new password may fix; by default PostgreSQL's authentication failures. */
  readonly isAuthFailure?: (error: unknown) => boolean;
}

// 28P01 invalid_password; 28000 invalid_authorization_specification, which is what a refused
// password gets under some pg_hba methods and RDS IAM.
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const AUTH_FAILURE_CODES = new Set(['28P01', '28000']);

/** PostgreSQL refused the login (SQLSTATE class 28). */
export function isPostgresAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && AUTH_FAILURE_CODES.has(String((error as { code?: unknown }).code));
}

/**
 * A connection pool. Create it once at module scope and reuse it across invocations. A lost server
 * costs the queries running at that moment (they reject with an error `dependencyOutage` calls
 * 'postgres'); the pool drops the dead clients and connects new ones for the next queries.
 * With a `password` source, a refused login refreshes the password and connects once more.
 *
 * @example
 * const pool = createPool(getConfig().postgres);
 * const rotating = createPool(config.postgres, { password: connections.postgresPassword });
 */
export function createPool(connection: PgConnection, options: PoolOptions = {}): pg.Pool {
  const settings: pg.PoolConfig = { ...pgClientConfig(connection), Client: PostgresClient, max: connection.poolMax, idleTimeoutMillis: 30_000 };
  const { password } = options;
  const pool = password
    ? new RefreshingPasswordPool({ ...settings, password: () => password.current() }, password, options.isAuthFailure ?? isPostgresAuthFailure)
    : new pg.Pool(settings);
  const outage = createOutageLog('postgres', getLogger);
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would kill the process.
  pool.on('error', (error) => outage.down(error));
  pool.on('connect', () => outage.up());
  return pool;
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * Retries a refused login once with a refreshed password. `pool.query` connects through
 * `this.connect`, so queries get the retry too. A pg client cannot connect twice, hence a pool-level retry.
 */
class RefreshingPasswordPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly source: PasswordSource,
    private readonly isAuthFailure: (error: unknown) => boolean,
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const connected = this.connectRefreshingOnce();
    if (!callback) return connected;
    connected.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  private async connectRefreshingOnce(): Promise<pg.PoolClient> {
    try {
      return await super.connect();
    } catch (error) {
      if (!this.isAuthFailure(error)) throw error;
    }
    await this.source.refresh();
    try {
      return await super.connect();
    } catch (error) {
      throw this.isAuthFailure(error) ? markDependency(this.source.refused(error), 'postgres') : error;
    }
  }
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
