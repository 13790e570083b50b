import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type SyntorConfig } from '../../../lib/config/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: string;
  }
}

/** The configuration integration tests run with: the machine's services, the migrated test database. */
export function testConfig(): SyntorConfig {
  const config = loadConfig();
  return { ...config, postgres: { ...config.postgres, database: inject('testDatabase') } };
}

/** A name no other test (or earlier run) uses: for topics, groups and Redis key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
