import type { AgentDeregisterPayload, AgentHeartbeatPayload, AgentRegisterPayload } from '../contracts/index.js';
import { dispatchPending } from './dispatcher.js';
import { relayBacklog } from './outboxRelay.js';
import type { AgentRegistry, Liveness } from './ports.js';
import { maybeSweep, type MaybeSweepDeps } from './sweeper.js';

/** What recording registrations calls: the registry, liveness, dispatch, the relay and the sweep. */
export type RegistrationDeps = MaybeSweepDeps & {
  agents: Pick<AgentRegistry, 'register' | 'deregister' | 'touchInstances'>;
  liveness: Pick<Liveness, 'beat' | 'remove'>;
};

/**
 * Keeps the registry: registrations and heartbeat times in PostgreSQL (what an agent can do, its
 * limit), liveness in Redis (a key per instance that expires, rebuilt from PostgreSQL when lost).
 * New capacity is dispatched to at once; heartbeats also drive the lease sweep, so failover does
 * not wait for the once-a-minute schedule.
 */
export async function recordRegistrations(
  deps: RegistrationDeps,
  messages: readonly ({ type: 'agent.register'; payload: AgentRegisterPayload } | { type: 'agent.deregister'; payload: AgentDeregisterPayload } | { type: 'agent.heartbeat'; payload: AgentHeartbeatPayload })[],
): Promise<void> {
  const ttl = deps.config.orchestration.agentTtlMs;
  let registered = false;
  for (const message of messages) {
    if (message.type === 'agent.register') {
      await deps.agents.register(message.payload);
      await deps.liveness.beat(message.payload.agent, message.payload.instanceId, ttl, { capacity: message.payload.concurrency });
      registered = true;
    } else if (message.type === 'agent.deregister') {
      await deps.agents.deregister(message.payload.agent, message.payload.instanceId);
      await deps.liveness.remove(message.payload.agent, message.payload.instanceId);
    } else {
      await deps.liveness.beat(message.payload.agent, message.payload.instanceId, ttl, { inFlight: message.payload.inFlight, capacity: message.payload.capacity });
    }
  }
  await deps.agents.touchInstances(messages.flatMap((m) => (m.type === 'agent.heartbeat' ? [{ agent: m.payload.agent, instanceId: m.payload.instanceId }] : [])));
  await relayBacklog(deps);
  // A sweep ends with a dispatch: a batch that registered an agent dispatches once either way.
  const swept = await maybeSweep(deps);
  if (registered && !swept) await dispatchPending(deps);
}
