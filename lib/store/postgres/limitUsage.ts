import type pg from 'pg';
import { IN_FLIGHT } from './taskGuards.js';

/** What dispatch needs to know of one limited type, as it stands in this transaction. */
export interface LimitUsage {
  /** Running (assigned or running) tasks of the type by their key's value; '' when there is no key. */
  running: Map<string, number>;
  /** Tasks of the type sent out in the rate limit's window (0 without a rate limit). */
  sentInWindow: number;
}

/** A limited type as its usage is read: its concurrency key's path and its rate window. */
export interface LimitedTypeUsage {
  type: string;
  keyPath?: readonly string[] | undefined;
  rateWindowMs?: number | undefined;
}

/**
 * Reads the usage of each limited type after taking a transaction lock on it, so two coordinators
 * dispatching at once cannot both take the last slot. Types are locked in sorted order: two
 * dispatches of the same types never wait on each other in a circle.
 */
export async function lockLimitUsage(
  client: pg.ClientBase,
  limited: readonly LimitedTypeUsage[],
): Promise<Map<string, LimitUsage>> {
  const usage = new Map<string, LimitUsage>();
  for (const { type, keyPath, rateWindowMs } of [...limited].sort((a, b) => a.type.localeCompare(b.type))) {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('syntor.task-limit:' || $1::text))`, [type]);
    const running = await client.query<{ key: string | null; n: number }>(
      `SELECT CASE WHEN $2::text[] IS NULL THEN '' ELSE payload #>> $2::text[] END AS key, count(*)::int AS n
       FROM tasks WHERE type = $1 AND status = ANY($3::text[]) GROUP BY 1`,
      [type, keyPath ?? null, IN_FLIGHT],
    );
    const sent = rateWindowMs === undefined
      ? 0
      : (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE type = $1 AND assigned_at > now() - $2::int * interval '1 millisecond'`, [type, rateWindowMs])).rows[0]!.n;
    usage.set(type, { running: new Map(running.rows.map((r) => [r.key ?? '', r.n])), sentInWindow: sent });
  }
  return usage;
}
