import { escapeIdentifier } from 'pg';
import type { SyntorConfig } from '../../lib/config/index.js';
import { ServicesUnavailableError } from './errors.js';
import { ensurePostgres, postgresAddress } from './postgres.js';
import { clientOptions, withClient } from './postgresProbe.js';
import { adminClientOptions, adminUser, createDatabaseStatement, createIgnoringDuplicate } from './postgresProvision.js';

/**
 * Creates database `name` owned by the configured user if it does not exist yet; for tests that want
 * a database of their own (e.g. `syntor_test`). Tries as the configured user first (it may have
 * CREATEDB, as in the Docker image) and falls back to the admin user.
 *
 * @returns whether this call created it.
 * @throws ServicesUnavailableError when PostgreSQL is unusable or neither user may create databases.
 * @example
 * await ensureDatabase(loadConfig(), 'syntor_test');
 */
export async function ensureDatabase(
  config: Pick<SyntorConfig, 'postgres'>,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ created: boolean }> {
  const pgConfig = config.postgres;
  await ensurePostgres({ config, env });
  const exists = await withClient(clientOptions(pgConfig), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return true;
    try {
      return !(await createIgnoringDuplicate(client, createDatabaseStatement(name)));
    } catch (error) {
      // 42501 insufficient_privilege: the configured user lacks CREATEDB.
      if ((error as { code?: string }).code === '42501') return undefined;
      throw error;
    }
  });
  if (exists !== undefined) return { created: !exists };
  try {
    const created = await withClient(adminClientOptions(pgConfig, env), (admin) =>
      createIgnoringDuplicate(admin, createDatabaseStatement(name, pgConfig.user)),
    );
    return { created };
  } catch (error) {
    throw new ServicesUnavailableError(
      {
        service: 'postgres',
        address: postgresAddress(pgConfig),
        reason: `database "${name}" is missing, "${pgConfig.user}" may not create databases and the admin user "${adminUser(env)}" failed: ${(error as Error).message}`,
        remedy: `as a superuser: ${createDatabaseStatement(name, pgConfig.user)}; or ALTER ROLE ${escapeIdentifier(pgConfig.user)} CREATEDB`,
      },
      { cause: error },
    );
  }
}
