import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../../lib/git/index.js';

describe('progressReporter', () => {
  it('reports the first event of each phase at once, then at most once a second', async () => {
    const reports: [number, string | undefined][] = [];
    let now = 0;
    const ctx = { reportProgress: async (percent: number, message?: string) => void reports.push([percent, message]), log: { info() {}, warn() {}, error() {} } };
    const report = progressReporter(ctx, () => now);

    for (let loaded = 1; loaded <= 10; loaded++) {
      report({ phase: 'Receiving objects', loaded, total: 10 });
      now += 300;
    }
    report({ phase: 'Resolving deltas', loaded: 1 });

    expect(reports).toEqual([
      [10, 'Receiving objects: 1/10'],
      [50, 'Receiving objects: 5/10'],
      [90, 'Receiving objects: 9/10'],
      [0, 'Resolving deltas: 1'],
    ]);
  });
});
