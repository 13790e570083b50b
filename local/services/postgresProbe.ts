import pg from 'pg';
import type { SyntorConfig } from '../../lib/config/index.js';
import { PROBE_TIMEOUT_MS } from './constants.js';

export type PostgresConfig = SyntorConfig['postgres'];

/** Why a connection failed, in the terms that decide what we do next. */
export type PostgresFailure =
  | 'down' // nothing listens, or it is still starting: start the server
  | 'missing-role' // 28000 "role does not exist": create it
  | 'missing-database' // 3D000: create it
  | 'auth-failed' // 28P01: the role may be missing (password auth hides that) or the password is wrong
  | 'other';

export type PostgresProbe =
  | { readonly reachable: true }
  | { readonly reachable: false; readonly failure: PostgresFailure; readonly error: string };

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Maps a pg or socket error to what to do about it. */
export function classifyPostgresError(error: unknown): PostgresFailure {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (code === '3D000') return 'missing-database';
  // 28000 is also "no pg_hba.conf entry", which creating a role would not fix.
  if (code === '28000' && /role .* does not exist/.test(message)) return 'missing-role';
  if (code === '28P01') return 'auth-failed';
  // 57P03: "the database system is starting up".
  if (code === '57P03' || (code !== undefined && DOWN_CODES.has(code))) return 'down';
  if (/timeout|terminated unexpectedly/i.test(message)) return 'down';
  return 'other';
}

/** Connection options for `user`@`database` at the configured host; libpq's `require` means encrypt, not verify. */
export function clientOptions(config: PostgresConfig, overrides: Partial<pg.ClientConfig> = {}): pg.ClientConfig {
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl: config.ssl ? { rejectUnauthorized: false } : false,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    ...overrides,
  };
}

/** Runs `fn` with a connected client, always closing it. */
export async function withClient<T>(options: pg.ClientConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(options);
  // A server going away mid-probe emits 'error' on the client; unhandled, that would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connects as the configured user to the configured database and runs `SELECT 1`. */
export async function probePostgres(config: PostgresConfig): Promise<PostgresProbe> {
  try {
    await withClient(clientOptions(config), (client) => client.query('SELECT 1'));
    return { reachable: true };
  } catch (error) {
    return {
      reachable: false,
      failure: classifyPostgresError(error),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
