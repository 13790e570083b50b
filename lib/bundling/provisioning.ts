import { fileURLToPath } from 'node:url';
import { MIGRATIONS_DIR } from '../store/postgres/migrate.js';
import type { BundleRequest } from './types.js';

const handler = (name: string) => fileURLToPath(new URL(`../aws/customResources/${name}.ts`, import.meta.url));

/** The handlers of SYNTOR's own custom resources, bundled with the agents' handlers. */
export const PROVISIONING_BUNDLES = {
  topics: { entry: handler('topicsHandler') },
  // node-pg-migrate reads `../migrations` relative to the bundle (MIGRATIONS_DIR comes from import.meta.url),
  // so the bundle sits one folder down and the SQL files beside that folder.
  migrations: { entry: handler('migrationsHandler'), subdirectory: 'migrate', copy: [{ from: MIGRATIONS_DIR, to: 'migrations' }] },
} as const satisfies Record<string, BundleRequest>;
