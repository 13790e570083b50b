import { readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, pgClientConfig } from '../../../lib/store/index.js';
import { withScratchDatabase } from '../support/scratchDatabase.js';
import { testConfig } from '../support/testConfig.js';

async function tablesIn(connection: Parameters<typeof pgClientConfig>[0]): Promise<string[]> {
  const client = new pg.Client(pgClientConfig(connection));
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

/** Every migration in the repository, in the order they apply. */
const ALL = readdirSync(new URL('../../../lib/store/migrations/', import.meta.url))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''))
  .sort();

describe('migrations', () => {
  it('apply on an empty database, are idempotent, and revert', async () => {
    await withScratchDatabase(testConfig(), async (connection) => {
      const first = await migrate(connection);
      const second = await migrate(connection);
      const tables = await tablesIn(connection);
      await migrate(connection, { direction: 'down', count: Infinity });
      const afterDown = await tablesIn(connection);

      expect(first[0]).toBe('1764000000000_initial-schema');
      expect(first).toEqual(ALL);
      expect(second).toEqual([]);
      expect(tables).toEqual(expect.arrayContaining(['agent_instances', 'agents', 'dead_letters', 'documents', 'pgmigrations', 'task_events', 'tasks']));
      expect(afterDown).toEqual(['pgmigrations']);
    });
  });

  it('lets concurrent runners race safely (several cold starts at once)', async () => {
    await withScratchDatabase(testConfig(), async (connection) => {
      const runs = await Promise.all([migrate(connection), migrate(connection), migrate(connection)]);
      expect(runs.flat()).toEqual(ALL);
    });
  });
});
