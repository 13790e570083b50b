import { getConfig } from '../../config/index.js';
import { migrate } from '../../store/postgres/migrate.js';
import type { PgConnection } from '../../store/postgres/pool.js';
import { resolveConnections } from '../resolveConnections.js';
import type { ProviderHandler } from './types.js';

export interface MigrationsHandlerDeps {
  /** The database to migrate (credentials from Secrets Manager on AWS). */
  readonly connection: () => Promise<PgConnection>;
  readonly migrate: (connection: PgConnection) => Promise<string[]>;
}

export const PHYSICAL_ID = 'syntor-migrations';

/**
 * Applies pending migrations on every Create and Update (the construct passes a hash of the SQL files,
 * so changed migrations update the resource). Delete never rolls anything back: the schema holds data.
 */
export function createMigrationsHandler(deps: MigrationsHandlerDeps): ProviderHandler {
  return async function onMigrationsEvent(event) {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
    const applied = await deps.migrate(await deps.connection());
    console.log(JSON.stringify({ message: 'migrations applied', applied }));
    // Data values are capped at 4 KB in total by CloudFormation; the count is what matters.
    return { PhysicalResourceId: PHYSICAL_ID, Data: { applied: applied.length, last: applied.at(-1) ?? '' } };
  };
}

export const handler = createMigrationsHandler({
  connection: async () => (await resolveConnections(getConfig())).config.postgres,
  migrate: (connection) => migrate(connection, { log: (line) => console.log(line) }),
});
