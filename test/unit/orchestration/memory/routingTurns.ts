/** The round-robin turn in memory: a counter, as Redis's INCRBY keeps it. */
export function createMemoryRoutingTurns() {
  let turn = 0;
  return {
    async advance(count: number): Promise<number> {
      turn += count;
      return turn;
    },
  };
}
