import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../../local/harness/cliArgs.js';

describe('--bundles', () => {
  it.each([
    [[], false],
    [['--bundles'], true],
    [['--agents', 'worker-alpha', '--bundles'], true],
  ])('%j runs bundles: %s', (argv, bundles) => {
    expect(parseCliArgs(argv).bundles).toBe(bundles);
  });

  it('is in --help, saying what runs and where the bundles come from', () => {
    expect(USAGE).toMatch(/--bundles\s+run each function's esbuild bundle instead of its TypeScript source: .*npm run synth.*cdk\.out\/bundles/s);
  });
});
