/** The steps' dependencies as a graph: what each step waits for. */
export type DependencyGraph = ReadonlyMap<string, readonly string[]>;

/** A cycle among the steps, as the path that closes it (`a → b → a`), or undefined. */
export function findCycle(graph: DependencyGraph): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (step: string): string[] | undefined => {
    if (state.get(step) === 'done') return undefined;
    if (state.get(step) === 'visiting') return [...path.slice(path.indexOf(step)), step];
    state.set(step, 'visiting');
    path.push(step);
    for (const next of graph.get(step) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(step, 'done');
    return undefined;
  };
  for (const step of graph.keys()) {
    const cycle = visit(step);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Every step `step` waits for, directly or through others (the graph has no cycle). */
export function ancestorsOf(graph: DependencyGraph, step: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(step) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}
