import { escapeIdentifier, escapeLiteral } from 'pg';
import type pg from 'pg';
import { clientOptions, withClient, type PostgresConfig } from './postgresProbe.js';

/** `CREATE ROLE` for the application user; identifiers and the password are quoted by pg's own escapers. */
export function createRoleStatement(user: string, password: string): string {
  return `CREATE ROLE ${escapeIdentifier(user)} LOGIN PASSWORD ${escapeLiteral(password)}`;
}

export function createDatabaseStatement(database: string, owner?: string): string {
  return `CREATE DATABASE ${escapeIdentifier(database)}${owner === undefined ? '' : ` OWNER ${escapeIdentifier(owner)}`}`;
}

/** The superuser connection used to create what the configured user cannot create itself. */
export function adminUser(env: NodeJS.ProcessEnv = process.env): string {
  return env.SYNTOR_POSTGRES_ADMIN_USER || 'postgres';
}

export function adminClientOptions(config: PostgresConfig, env: NodeJS.ProcessEnv = process.env): pg.ClientConfig {
  return clientOptions(config, {
    user: adminUser(env),
    password: env.SYNTOR_POSTGRES_ADMIN_PASSWORD,
    database: 'postgres',
  });
}

// 42710 duplicate_object, 42P04 duplicate_database: someone else created it between our check and ours.
const ALREADY_EXISTS = new Set(['42710', '42P04']);

export async function createIgnoringDuplicate(client: pg.Client, statement: string): Promise<boolean> {
  try {
    await client.query(statement);
    return true;
  } catch (error) {
    if (ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  }
}

/**
 * As the admin user, creates the configured role (LOGIN, configured password) and database (owned by
 * it) when missing. An existing role is never altered: it may belong to someone else's set-up.
 *
 * @throws the pg error when the admin connection or a statement fails.
 */
export async function provisionRoleAndDatabase(
  config: PostgresConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ createdRole: boolean; createdDatabase: boolean }> {
  return withClient(adminClientOptions(config, env), async (admin) => {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [config.user]);
    const createdRole =
      role.rowCount === 0 && (await createIgnoringDuplicate(admin, createRoleStatement(config.user, config.password)));
    const database = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.database]);
    const createdDatabase =
      database.rowCount === 0 &&
      (await createIgnoringDuplicate(admin, createDatabaseStatement(config.database, config.user)));
    return { createdRole, createdDatabase };
  });
}

/** The SQL a person can run by hand when we could not connect as the admin user. */
export function manualProvisioningHint(config: PostgresConfig): string {
  // Two -c: psql runs a single multi-statement -c in one transaction, where CREATE DATABASE is refused.
  const role = JSON.stringify(createRoleStatement(config.user, config.password));
  const database = JSON.stringify(createDatabaseStatement(config.database, config.user));
  const port = config.port === 5432 ? '' : ` -p ${config.port}`;
  return `run as a superuser, e.g. sudo -u postgres psql${port} -c ${role} -c ${database}; or set SYNTOR_POSTGRES_ADMIN_USER / SYNTOR_POSTGRES_ADMIN_PASSWORD to a superuser we may connect as`;
}
