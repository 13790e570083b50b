import { describe, expect, it } from 'vitest';
import { parseChaosArgs } from '../../local/chaos/cliArgs.js';
import { FULL_RUN, SHORT_RUN } from '../../local/chaos/constants.js';
import { ChaosUsageError } from '../../local/chaos/errors.js';
import { chaosTask } from '../../local/chaos/taskMix.js';

describe('npm run chaos options', () => {
  it.each([
    { argv: [], expected: { tasks: FULL_RUN.tasks, rate: FULL_RUN.rate, faults: FULL_RUN.faults } },
    { argv: ['--short'], expected: { tasks: SHORT_RUN.tasks, rate: SHORT_RUN.rate, faults: SHORT_RUN.faults } },
    { argv: ['--tasks', '50', '--rate', '2.5', '--faults', 'kafka,redis'], expected: { tasks: 50, rate: 2.5, faults: ['kafka', 'redis'] } },
    { argv: ['--no-faults', '--drain-seconds', '10'], expected: { faults: [], drainTimeoutMs: 10_000 } },
  ])('$argv', ({ argv, expected }) => {
    // Act
    const parsed = parseChaosArgs(argv);

    // Assess
    expect(parsed).toMatchObject({ help: false, options: expected });
  });

  it.each([[['--faults', 'disk']], [['--rate', '0']], [['--tasks', '-3']], [['--bogus']]])('rejects %j', (argv) => {
    expect(() => parseChaosArgs(argv)).toThrow(ChaosUsageError);
  });
});

describe('the task mix', () => {
  it('builds every 20th task to fail with invalid input and never retries it', () => {
    // Act
    const tasks = Array.from({ length: 100 }, (_, i) => chaosTask('run', i, 0.05));

    // Assess
    const failing = tasks.filter((t) => t.designedToFail);
    expect(failing).toHaveLength(5);
    expect(failing.every((t) => t.body.maxRetries === 0 && (t.body.payload as { n: number }).n < 0)).toBe(true);
    expect(new Set(tasks.map((t) => t.body.idempotencyKey)).size).toBe(100);
  });
});
