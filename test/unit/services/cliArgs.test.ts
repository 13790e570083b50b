import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../../local/services/cliArgs.js';

describe('parseCliArgs', () => {
  it.each(['start', 'stop', 'status'] as const)('accepts %s', (command) => {
    expect(parseCliArgs([command])).toEqual({ kind: 'command', command });
  });

  it.each([[['--help']], [['-h']], [['help']], [['start', '--help']]])('shows help for %j', (args) => {
    expect(parseCliArgs(args)).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'Missing command.'],
    [['restart'], 'Unknown command "restart".'],
    [['start', 'kafka'], 'Unexpected argument "kafka".'],
  ])('rejects %j', (args, message) => {
    expect(parseCliArgs(args)).toEqual({ kind: 'usage-error', message });
  });
});

describe('USAGE', () => {
  it('documents every command and the exit codes', () => {
    for (const word of ['start', 'stop', 'status', '--help', 'Exit status', 'SYNTOR_KAFKA_CONTROLLER_PORT', 'SYNTOR_CACHE_DIR']) {
      expect(USAGE).toContain(word);
    }
  });
});
