import pg from 'pg';
import type { PostgresConnection } from './ownPostgres.js';

/** Terminal task states: nothing moves a task out of them (lib/contracts TASK_STATUSES). */
export const TERMINAL_STATUSES = ['completed', 'dead', 'cancelled'] as const;

/** Runs `work` with one short-lived connection to the suite's own database. */
export async function withDatabase<T>(connection: PostgresConnection, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: connection.host, port: connection.port, user: connection.user, password: connection.password, database: connection.database, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Acknowledged tasks by current status (`missing` for an id with no row). */
export async function statusCounts(client: pg.Client, ids: readonly string[]): Promise<Record<string, number>> {
  const { rows } = await client.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM tasks WHERE id = ANY($1::uuid[]) GROUP BY status', [ids]);
  const counts: Record<string, number> = {};
  let found = 0;
  for (const row of rows) {
    counts[row.status] = Number(row.n);
    found += Number(row.n);
  }
  if (found < ids.length) counts.missing = ids.length - found;
  return counts;
}
