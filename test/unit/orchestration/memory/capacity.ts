/**
 * In-flight slots in memory, with Redis's rule: an agent's set is not trusted until it has been
 * rebuilt from the tasks (as after Redis lost its data), so `acquire` answers undefined before that.
 */
export function createMemoryCapacity() {
  const sets = new Map<string, Set<string>>();
  const setOf = (agent: string) => sets.get(agent) ?? sets.set(agent, new Set()).get(agent)!;
  const rebuilt = new Set<string>();
  return {
    async acquire(agent: string, taskIds: readonly string[], limit: number): Promise<string[] | undefined> {
      if (taskIds.length === 0) return [];
      if (!rebuilt.has(agent)) return undefined;
      const set = setOf(agent);
      let free = limit - set.size;
      const taken: string[] = [];
      for (const id of taskIds) {
        if (free <= 0) break;
        if (!set.has(id)) {
          set.add(id);
          free -= 1;
        }
        taken.push(id);
      }
      return taken;
    },
    async release(agent: string, taskIds: readonly string[]): Promise<void> {
      for (const id of taskIds) sets.get(agent)?.delete(id);
    },
    async count(agent: string): Promise<number> {
      return sets.get(agent)?.size ?? 0;
    },
    async rebuild(agent: string, taskIds: readonly string[], mode: 'replace' | 'union'): Promise<number> {
      const set = setOf(agent);
      if (mode === 'replace') set.clear();
      for (const id of taskIds) set.add(id);
      rebuilt.add(agent);
      return set.size;
    },
    /** Forgets every set, as Redis does when it loses its data. */
    lose(): void {
      sets.clear();
      rebuilt.clear();
    },
  };
}
