import { setTimeout as sleep } from 'node:timers/promises';
import { statusCounts, TERMINAL_STATUSES, withDatabase } from './database.js';
import type { PostgresConnection } from './ownPostgres.js';

const POLL_MS = 2_000;
const PROGRESS_EVERY_MS = 10_000;

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');

/**
 * Waits until every acknowledged task is in a terminal state or `timeoutMs` passes, with a progress
 * line every ten seconds. A database that does not answer (it may be the one that broke) is retried.
 *
 * @returns how long the wait took and whether it drained.
 */
export async function waitForDrain(options: {
  readonly connection: PostgresConnection;
  readonly ids: readonly string[];
  readonly timeoutMs: number;
  readonly log?: (line: string) => void;
}): Promise<{ drained: boolean; waitedMs: number }> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  let lastProgress = 0;
  for (;;) {
    const counts = await withDatabase(options.connection, (client) => statusCounts(client, options.ids)).catch((error: unknown) => {
      log(`Drain: the database did not answer (${(error as Error).message})`);
      return undefined;
    });
    const open = counts === undefined ? options.ids.length : options.ids.length - TERMINAL_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
    const waitedMs = Date.now() - startedAt;
    if (open === 0) {
      log(`Drain: all ${options.ids.length} acknowledged tasks terminal after ${(waitedMs / 1000).toFixed(1)} s (${describe(counts!)})`);
      return { drained: true, waitedMs };
    }
    if (waitedMs >= options.timeoutMs) {
      log(`Drain: gave up after ${(waitedMs / 1000).toFixed(1)} s with ${open} not terminal${counts ? ` (${describe(counts)})` : ''}`);
      return { drained: false, waitedMs };
    }
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS && counts) {
      lastProgress = Date.now();
      log(`Drain: +${(waitedMs / 1000).toFixed(0)} s of ${options.timeoutMs / 1000} s: ${open} of ${options.ids.length} not terminal (${describe(counts)})`);
    }
    await sleep(POLL_MS);
  }
}
