import { describe, expect, it } from 'vitest';
import { findChaosPrograms, formatReport, runChaos, SHORT_RUN, type ChaosReport } from '../../local/chaos/index.js';

/**
 * The CI form of `npm run chaos`: ~200 tasks over HTTP while PostgreSQL restarts, Redis comes back
 * empty, and the harness and the broker are SIGKILLed, each once, on services of the suite's own.
 * It fails, never skips, when java, initdb or redis-server is missing.
 */
describe('chaos: every acknowledged task reaches exactly one terminal state through every fault', () => {
  it('has the programs to run its own services', () => {
    // Assess: throws ChaosPrerequisiteError naming each missing program.
    expect(() => findChaosPrograms()).not.toThrow();
  });

  it('loses, duplicates and strands no task while PostgreSQL, Redis, the harness and Kafka fail', async () => {
    // Act: progress lines go to the reporter as they come, so a slow CI run shows where it is.
    const report: ChaosReport = await runChaos({ ...SHORT_RUN, log: (line) => console.log(line) });
    console.log(formatReport(report));

    // Assess
    expect(report.faults.map((f) => f.name)).toEqual(SHORT_RUN.faults);
    expect(report.load.submitted).toBeGreaterThanOrEqual(SHORT_RUN.tasks);
    expect(report.verdict.acknowledged).toBeGreaterThan(0);
    expect(report.verdict.violations.map((v) => `[${v.kind}] ${v.message}`)).toEqual([]);
    expect(report.verdict).toMatchObject({ stuck: 0, lost: 0, duplicateCompletions: 0, severalTerminalStates: 0, wrongTerminalState: 0, idempotencyMismatches: 0 });
    expect(report.verdict.completed + report.verdict.dead).toBe(report.verdict.acknowledged);
    expect(report.harnessUnexpectedExits).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
