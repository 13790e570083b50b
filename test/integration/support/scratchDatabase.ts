import pg from 'pg';
import type { SyntorConfig } from '../../../lib/config/index.js';
import { pgClientConfig } from '../../../lib/store/index.js';
import { ensureDatabase } from '../../../local/services/index.js';
import { uniqueName } from './testConfig.js';

/** A brand-new empty database for one test, dropped afterwards. */
export async function withScratchDatabase<T>(config: SyntorConfig, work: (connection: SyntorConfig['postgres']) => Promise<T>): Promise<T> {
  const name = uniqueName('syntor_scratch').replace(/-/g, '_');
  await ensureDatabase(config, name);
  try {
    return await work({ ...config.postgres, database: name });
  } finally {
    const admin = new pg.Client({
      ...pgClientConfig(config.postgres),
      user: process.env.SYNTOR_POSTGRES_ADMIN_USER ?? 'postgres',
      database: 'postgres',
    });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
