import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../../local/services/cliArgs.js';

describe('parseCliArgs', () => {
  it.each(['start', 'stop', 'status', 'reset'] as const)('accepts %s', (command) => {
    expect(parseCliArgs([command])).toEqual({ kind: 'command', command });
  });

  it.each([[['--help']], [['-h']], [['help']], [['start', '--help']]])('shows help for %j', (args) => {
    expect(parseCliArgs(args)).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'Missing command.'],
    [['restart'], 'Unknown command "restart".'],
    [['start', 'kafka'], 'Unexpected argument "kafka".'],
    [['reset', '--force'], 'Unexpected argument "--force".'],
  ])('rejects %j', (args, message) => {
    expect(parseCliArgs(args)).toEqual({ kind: 'usage-error', message });
  });
});

describe('USAGE', () => {
  it('documents every command and the exit codes', () => {
    for (const word of ['start', 'stop', 'status', 'reset', '--help', 'Exit status', 'SYNTOR_KAFKA_CONTROLLER_PORT', 'SYNTOR_CACHE_DIR']) {
      expect(USAGE).toContain(word);
    }
  });

  it('says that data persists across stops and what reset deletes', () => {
    expect(USAGE).toContain('formatted on the first start only');
    expect(USAGE).toMatch(/reset[\s\S]*delete \.syntor\/kafka\/data \(every topic, record and committed offset/);
    expect(USAGE).toMatch(/Refuses, touching\s+nothing, when a broker this project did not start answers/);
  });
});
