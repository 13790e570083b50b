import type pg from 'pg';
import type { Candidate } from '../routing/index.js';
import type { Deps } from './deps.js';

/** The agents as the router needs them: registry (PostgreSQL), in-flight and liveness (Redis). */
export async function loadCandidates(deps: Deps, client?: pg.PoolClient): Promise<Candidate[]> {
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
