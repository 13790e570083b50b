import type pg from 'pg';
import type { AgentRegisterPayload } from '../../contracts/index.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface StoredAgent {
  name: string;
  kind: 'service' | 'worker';
  capabilities: string[];
  concurrency: number;
  version?: string;
  circuitState: CircuitState;
  circuitChangedAt?: string;
  consecutiveFailures: number;
  registeredAt: string;
  lastSeenAt: string;
}

interface AgentRow {
  name: string;
  kind: 'service' | 'worker';
  capabilities: string[];
  concurrency: number;
  version: string | null;
  circuit_state: CircuitState;
  circuit_changed_at: Date | null;
  consecutive_failures: number;
  registered_at: Date;
  last_seen_at: Date;
}

function fromRow(row: AgentRow): StoredAgent {
  return {
    name: row.name,
    kind: row.kind,
    capabilities: row.capabilities,
    concurrency: row.concurrency,
    ...(row.version === null ? {} : { version: row.version }),
    circuitState: row.circuit_state,
    ...(row.circuit_changed_at === null ? {} : { circuitChangedAt: row.circuit_changed_at.toISOString() }),
    consecutiveFailures: row.consecutive_failures,
    registeredAt: row.registered_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
  };
}

/** Every agent, on `client` (the pool, or a caller's transaction). */
export async function listAgents(client: pg.Pool | pg.ClientBase): Promise<StoredAgent[]> {
  const { rows } = await client.query<AgentRow>('SELECT * FROM agents ORDER BY name');
  return rows.map(fromRow);
}

/** Running instances heard from within `ttlMs`, with how long ago (ms), on `client`. */
export async function listRecentInstances(client: pg.Pool | pg.ClientBase, ttlMs: number): Promise<{ agent: string; instanceId: string; ageMs: number }[]> {
  const { rows } = await client.query<{ agent: string; instance_id: string; age_ms: number }>(
    `SELECT agent, instance_id, (EXTRACT(EPOCH FROM now() - last_heartbeat_at) * 1000)::float8 AS age_ms FROM agent_instances
     WHERE stopped_at IS NULL AND last_heartbeat_at > now() - $1::int * interval '1 millisecond'`,
    [ttlMs],
  );
  return rows.map((r) => ({ agent: r.agent, instanceId: r.instance_id, ageMs: r.age_ms }));
}

/** Agents (what they can do, their circuit) and their instances, in PostgreSQL. Liveness lives in Redis, rebuilt from here when lost. */
export function createAgentStore(pool: pg.Pool) {
  return {
    /** Records an instance start; the agent's declared capabilities and limit are refreshed from it. */
    async register(registration: AgentRegisterPayload): Promise<StoredAgent> {
      const { rows } = await pool.query<AgentRow>(
        `INSERT INTO agents (name, kind, capabilities, concurrency, version) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, capabilities = EXCLUDED.capabilities,
           concurrency = EXCLUDED.concurrency, version = EXCLUDED.version, last_seen_at = now()
         RETURNING *`,
        [registration.agent, registration.kind, registration.capabilities, registration.concurrency, registration.version ?? null],
      );
      await pool.query(
        `INSERT INTO agent_instances (agent, instance_id, started_at) VALUES ($1, $2, $3)
         ON CONFLICT (agent, instance_id) DO UPDATE SET last_heartbeat_at = now(), stopped_at = NULL`,
        [registration.agent, registration.instanceId, registration.startedAt],
      );
      return fromRow(rows[0]!);
    },

    /** Records heartbeats (one statement per batch): what liveness is rebuilt from when Redis loses it. */
    async touchInstances(beats: readonly { agent: string; instanceId: string }[]): Promise<void> {
      if (beats.length === 0) return;
      await pool.query(
        `UPDATE agent_instances i SET last_heartbeat_at = now(), stopped_at = NULL
         FROM unnest($1::text[], $2::text[]) AS b(agent, instance_id) WHERE i.agent = b.agent AND i.instance_id = b.instance_id`,
        [beats.map((b) => b.agent), beats.map((b) => b.instanceId)],
      );
    },

    /** Running instances heard from within `ttlMs`, with how long ago (ms). */
    recentInstances: (ttlMs: number, client: pg.Pool | pg.PoolClient = pool) => listRecentInstances(client, ttlMs),

    async deregister(agent: string, instanceId: string): Promise<boolean> {
      const { rowCount } = await pool.query(
        'UPDATE agent_instances SET stopped_at = now() WHERE agent = $1 AND instance_id = $2 AND stopped_at IS NULL',
        [agent, instanceId],
      );
      return rowCount === 1;
    },

    async get(name: string): Promise<StoredAgent | undefined> {
      const { rows } = await pool.query<AgentRow>('SELECT * FROM agents WHERE name = $1', [name]);
      return rows[0] && fromRow(rows[0]);
    },

    /** Every agent; `client` reads inside a caller's transaction instead of taking a pooled connection. */
    list: (client: pg.Pool | pg.PoolClient = pool) => listAgents(client),

    /** Moves the circuit only if it is in `from` (conditional, like task transitions). */
    async setCircuit(name: string, to: CircuitState, from: readonly CircuitState[]): Promise<boolean> {
      const { rowCount } = await pool.query(
        `UPDATE agents SET circuit_state = $2, circuit_changed_at = now(),
           consecutive_failures = CASE WHEN $2 = 'closed' THEN 0 ELSE consecutive_failures END
         WHERE name = $1 AND circuit_state = ANY($3::text[])`,
        [name, to, from],
      );
      return rowCount === 1;
    },

    /** Open circuits whose cool-down (`cooldownMs`) has passed move to half-open; the names of those moved. */
    async halfOpenCooled(cooldownMs: number): Promise<string[]> {
      const { rows } = await pool.query<{ name: string }>(
        `UPDATE agents SET circuit_state = 'half_open', circuit_changed_at = now()
         WHERE circuit_state = 'open' AND circuit_changed_at < now() - $1::int * interval '1 millisecond' RETURNING name`,
        [cooldownMs],
      );
      return rows.map((r) => r.name);
    },

    /**
     * Records a batch of outcomes at once: after a success the count restarts from the failures that
     * followed it, otherwise they add up. Returns the new consecutive count.
     */
    async recordOutcomes(name: string, succeeded: boolean, trailingFailures: number): Promise<number | undefined> {
      const { rows } = await pool.query<{ consecutive_failures: number }>(
        `UPDATE agents SET consecutive_failures = CASE WHEN $2 THEN $3 ELSE consecutive_failures + $3 END
         WHERE name = $1 RETURNING consecutive_failures`,
        [name, succeeded, trailingFailures],
      );
      return rows[0]?.consecutive_failures;
    },
  };
}

export type AgentStore = ReturnType<typeof createAgentStore>;
