import type pg from 'pg';
import { resolveConnections, type Connections } from '../aws/index.js';
import type { SyntorConfig } from '../config/index.js';
import { selectProvider, type ProviderChoice } from '../models/index.js';
import { createDocumentStore, createPool, type DocumentStore } from '../store/index.js';

/** What the documentation agent works with. */
export interface DocsDeps {
  store: DocumentStore;
  /** The git agent's workspace: `path` inputs are confined to it, `url` inputs are cloned into it. */
  workspace: string;
  models: ProviderChoice;
  summaries: { maxModules: number; timeoutMs: number };
}

/** The deps for a configuration; `close()` ends the pool. */
export function createDocsDeps(
  config: SyntorConfig,
  overrides: Partial<DocsDeps> = {},
  connections: Pick<Connections, 'postgresPassword'> = {},
): DocsDeps & { pool: pg.Pool; close(): Promise<void> } {
  // On AWS the password follows the secret's rotation (re-read on a refused login).
  const pool = createPool(config.postgres, connections.postgresPassword ? { password: connections.postgresPassword } : {});
  return {
    pool,
    store: createDocumentStore(pool),
    workspace: config.git.workspace,
    models: selectProvider(config.models),
    summaries: { maxModules: config.docs.summaryLimit, timeoutMs: config.models.timeoutMs },
    ...overrides,
    close: () => pool.end(),
  };
}

let shared: Promise<DocsDeps> | undefined;

/** The process-wide deps, created on first use (a Lambda cold start) and reused by every invocation. */
export function getDocsDeps(): Promise<DocsDeps> {
  shared ??= resolveConnections().then(
    (connections) => createDocsDeps(connections.config, {}, connections),
    (error: unknown) => {
      shared = undefined;
      throw error;
    },
  );
  return shared;
}
