import type { CircuitState, StoredAgent } from '../../../../lib/store/index.js';

/** An agent as a test registers it: a name, what it runs and how many at once; a circuit, optionally. */
export interface AgentSpec {
  name: string;
  capabilities: string[];
  concurrency: number;
  circuitState?: CircuitState;
  /** How long ago the circuit last changed (ms). */
  circuitChangedMsAgo?: number;
  consecutiveFailures?: number;
}

/** The agent registry in memory: each agent's circuit moves only from the states a caller expects, as in PostgreSQL. */
export function createMemoryAgentRegistry() {
  const agents = new Map<string, StoredAgent>();
  const instances: { agent: string; instanceId: string; heardAt: number }[] = [];
  const now = () => new Date().toISOString();
  return {
    /** Registers an agent, and one instance of it heard from now. */
    add(spec: AgentSpec, instanceId = `${spec.name}-1`): void {
      agents.set(spec.name, {
        name: spec.name,
        kind: 'worker',
        capabilities: spec.capabilities,
        concurrency: spec.concurrency,
        circuitState: spec.circuitState ?? 'closed',
        circuitChangedAt: new Date(Date.now() - (spec.circuitChangedMsAgo ?? 0)).toISOString(),
        consecutiveFailures: spec.consecutiveFailures ?? 0,
        registeredAt: now(),
        lastSeenAt: now(),
      });
      instances.push({ agent: spec.name, instanceId, heardAt: Date.now() });
    },
    /** One agent as stored. */
    get(name: string): StoredAgent | undefined {
      const agent = agents.get(name);
      return agent && { ...agent };
    },
    async list(): Promise<StoredAgent[]> {
      return [...agents.values()].sort((a, b) => a.name.localeCompare(b.name)).map((a) => ({ ...a }));
    },
    async recentInstances(ttlMs: number): Promise<{ agent: string; instanceId: string; ageMs: number }[]> {
      return instances.filter((i) => Date.now() - i.heardAt < ttlMs).map((i) => ({ agent: i.agent, instanceId: i.instanceId, ageMs: Date.now() - i.heardAt }));
    },
    async setCircuit(name: string, to: CircuitState, from: readonly CircuitState[]): Promise<boolean> {
      const agent = agents.get(name);
      if (!agent || !from.includes(agent.circuitState)) return false;
      Object.assign(agent, { circuitState: to, circuitChangedAt: now() }, to === 'closed' ? { consecutiveFailures: 0 } : {});
      return true;
    },
    async recordOutcomes(name: string, succeeded: boolean, trailingFailures: number): Promise<number | undefined> {
      const agent = agents.get(name);
      if (!agent) return undefined;
      agent.consecutiveFailures = succeeded ? trailingFailures : agent.consecutiveFailures + trailingFailures;
      return agent.consecutiveFailures;
    },
    async halfOpenCooled(cooldownMs: number): Promise<string[]> {
      const cooled = [...agents.values()].filter((a) => a.circuitState === 'open' && Date.parse(a.circuitChangedAt!) < Date.now() - cooldownMs);
      for (const agent of cooled) Object.assign(agent, { circuitState: 'half_open', circuitChangedAt: now() });
      return cooled.map((a) => a.name);
    },
  };
}

export type MemoryAgentRegistry = ReturnType<typeof createMemoryAgentRegistry>;
