import type pg from 'pg';
import type { Candidate } from '../routing/index.js';
import type { Deps } from './deps.js';

/** The agents as the router needs them: registry (PostgreSQL), in-flight and liveness (Redis). */
export async function loadCandidates(deps: Deps, client?: pg.PoolClient): Promise<Candidate[]> {
  await ensureLiveness(deps, client);
  const agents = await deps.agents.list(client);
  return Promise.all(
    agents.map(async (a) => ({
      name: a.name,
      capabilities: a.capabilities,
      concurrency: a.concurrency,
      circuitState: a.circuitState,
      inFlight: await deps.inFlight.count(a.name),
      alive: (await deps.liveness.aliveInstances(a.name)).length > 0,
    })),
  );
}

/**
 * After Redis lost its data every agent would look dead until its next heartbeat (a minute for an
 * idle one): restore liveness from the heartbeats PostgreSQL recorded instead.
 */
async function ensureLiveness(deps: Deps, client?: pg.PoolClient): Promise<void> {
  if (await deps.liveness.isRebuilt()) return;
  const ttl = deps.config.orchestration.agentTtlMs;
  const recent = await deps.agents.recentInstances(ttl, client);
  await deps.liveness.rebuild(recent.map((i) => ({ agent: i.agent, instanceId: i.instanceId, ttlMs: ttl - i.ageMs })));
}
