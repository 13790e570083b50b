import type pg from 'pg';
import { listAgents, listRecentInstances, type StoredAgent } from './agentStore.js';
import { lockLimitUsage, type LimitedTypeUsage, type LimitUsage } from './limitUsage.js';
import { IN_FLIGHT } from './taskGuards.js';

/**
 * What dispatch's `decide` may read, bound to the dispatch's transaction. Its reads run on that
 * transaction's client: taking a second pooled connection while holding one deadlocks the pool once
 * as many dispatches run at once as it has connections.
 */
export interface DispatchReader {
  /** Every agent, by name. */
  agents(): Promise<StoredAgent[]>;
  /** Running instances heard from within `ttlMs`, with how long ago (ms). */
  recentInstances(ttlMs: number): Promise<{ agent: string; instanceId: string; ageMs: number }[]>;
  /** The tasks in flight per agent (assigned or running). */
  inFlightByAgent(): Promise<Map<string, string[]>>;
  /** Locks the limited types until the transaction ends and reads their usage (see lockLimitUsage). */
  limitUsage(limited: readonly LimitedTypeUsage[]): Promise<Map<string, LimitUsage>>;
}

/** The tasks in flight per agent: the truth Redis's in-flight sets are rebuilt from. */
export async function inFlightByAgent(client: pg.Pool | pg.ClientBase): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ agent: string; ids: string[] }>(
    `SELECT assigned_agent AS agent, array_agg(id::text) AS ids FROM tasks
     WHERE status = ANY($1::text[]) AND assigned_agent IS NOT NULL GROUP BY assigned_agent`,
    [IN_FLIGHT],
  );
  return new Map(rows.map((r) => [r.agent, r.ids]));
}

/** A reader on `client`, the dispatch's transaction. */
export function dispatchReader(client: pg.ClientBase): DispatchReader {
  return {
    agents: () => listAgents(client),
    recentInstances: (ttlMs) => listRecentInstances(client, ttlMs),
    inFlightByAgent: () => inFlightByAgent(client),
    limitUsage: (limited) => lockLimitUsage(client, limited),
  };
}
