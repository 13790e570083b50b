import type { Candidate } from '../routing/index.js';
import type { DispatchReader } from '../store/index.js';
import type { Capacity, Liveness, Ports } from './ports.js';

/** What loading candidates calls besides the dispatch's reader: liveness and in-flight counts. */
export type CandidateDeps = Pick<Ports, 'config'> & {
  liveness: Pick<Liveness, 'isRebuilt' | 'rebuild' | 'aliveInstances'>;
  inFlight: Pick<Capacity, 'count'>;
};

/** The registry's reads, on the dispatch's transaction. */
export type CandidateReader = Pick<DispatchReader, 'agents' | 'recentInstances'>;

/** The agents as the router needs them: registry (read through the dispatch's `reader`), in-flight and liveness. */
export async function loadCandidates(deps: CandidateDeps, reader: CandidateReader): Promise<Candidate[]> {
  await ensureLiveness(deps, reader);
  const agents = await reader.agents();
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
async function ensureLiveness(deps: CandidateDeps, reader: CandidateReader): Promise<void> {
  if (await deps.liveness.isRebuilt()) return;
  const ttl = deps.config.orchestration.agentTtlMs;
  const recent = await reader.recentInstances(ttl);
  await deps.liveness.rebuild(recent.map((i) => ({ agent: i.agent, instanceId: i.instanceId, ttlMs: ttl - i.ageMs })));
}
