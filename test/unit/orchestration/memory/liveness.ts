/** Agent instances' liveness in memory: an instance is alive until its last heartbeat's TTL runs out. */
export function createMemoryLiveness() {
  const expiresAt = new Map<string, number>();
  const key = (agent: string, instanceId: string) => `${agent}\u0000${instanceId}`;
  let rebuilt = true;
  return {
    async isRebuilt(): Promise<boolean> {
      return rebuilt;
    },
    async rebuild(instances: readonly { agent: string; instanceId: string; ttlMs: number }[]): Promise<void> {
      // Like SET NX: an instance that is alive keeps its own expiry.
      for (const { agent, instanceId, ttlMs } of instances) {
        if (ttlMs > 0 && (expiresAt.get(key(agent, instanceId)) ?? 0) <= Date.now()) expiresAt.set(key(agent, instanceId), Date.now() + ttlMs);
      }
      rebuilt = true;
    },
    async beat(agent: string, instanceId: string, ttlMs: number): Promise<void> {
      expiresAt.set(key(agent, instanceId), Date.now() + ttlMs);
    },
    async remove(agent: string, instanceId: string): Promise<void> {
      expiresAt.delete(key(agent, instanceId));
    },
    async aliveInstances(agent: string): Promise<string[]> {
      return [...expiresAt]
        .filter(([k, until]) => k.startsWith(`${agent}\u0000`) && until > Date.now())
        .map(([k]) => k.slice(agent.length + 1))
        .sort();
    },
    /** Forgets every instance, as Redis does when it loses its data. */
    lose(): void {
      expiresAt.clear();
      rebuilt = false;
    },
  };
}
