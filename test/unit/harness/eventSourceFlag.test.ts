import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../../local/harness/cliArgs.js';
import { HarnessUsageError } from '../../../local/harness/errors.js';

describe('--event-source', () => {
  it.each([
    [[], 'msk'],
    [['--event-source', 'msk'], 'msk'],
    [['--event-source', 'self-managed'], 'self-managed'],
    [['--event-source=self-managed'], 'self-managed'],
  ])('%j plays the %s trigger', (argv, kind) => {
    expect(parseCliArgs(argv).eventSource).toBe(kind);
  });

  it('refuses anything else, naming what it expects', () => {
    expect(() => parseCliArgs(['--event-source', 'confluent'])).toThrow(HarnessUsageError);
    expect(() => parseCliArgs(['--event-source', 'confluent'])).toThrow('--event-source expects msk or self-managed, got "confluent"');
  });

  it('is in --help', () => {
    expect(USAGE).toMatch(/--event-source KIND\s+the Kafka trigger to play: msk .*self-managed/s);
  });
});
