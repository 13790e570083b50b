import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../../cli/errors.js';
import { keyValues, readJsonObject, wholeNumber } from '../../../cli/input.js';
import { ago, table } from '../../../cli/output/table.js';

describe('the CLI\'s output and input', () => {
  it('aligns a table\'s columns under their headers, empty cells for what is missing', () => {
    expect(table(['ID', 'STATUS', 'AGENT'], [['a1', 'completed', 'worker-alpha'], ['b22222', 'pending', undefined]])).toBe(
      ['ID      STATUS     AGENT', 'a1      completed  worker-alpha', 'b22222  pending'].join('\n'),
    );
  });

  it('says how long ago, coarsely', () => {
    const now = Date.parse('2026-12-08T12:00:00Z');
    expect(ago('2026-12-08T11:59:30Z', now)).toBe('30s ago');
    expect(ago('2026-12-08T09:00:00Z', now)).toBe('3h ago');
    expect(ago(undefined, now)).toBe('');
  });

  it('reads JSON inline or from @file, naming what is not JSON or not an object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syntor-cli-'));
    writeFileSync(join(dir, 'payload.json'), '{"op":"sum","values":[1]}');
    expect(readJsonObject(`@${join(dir, 'payload.json')}`, 'payload')).toEqual({ op: 'sum', values: [1] });
    expect(() => readJsonObject('[1]', 'payload')).toThrow('payload must be a JSON object');
    expect(() => readJsonObject('{x', 'payload')).toThrow(CliUsageError);
    expect(() => readJsonObject('@/nonexistent/file.json', 'workflow')).toThrow(/workflow: cannot read \/nonexistent\/file.json/);
  });

  it('checks numbers and name=value pairs, naming the flag', () => {
    expect(wholeNumber('--limit', '20', 1, 1000)).toBe(20);
    expect(wholeNumber('--limit', undefined, 1, 1000)).toBeUndefined();
    expect(() => wholeNumber('--limit', '2.5', 1, 1000)).toThrow('--limit expects a whole number from 1 to 1000, got "2.5"');
    expect(keyValues('--header', ['a=1', 'b=x=y'])).toEqual({ a: '1', b: 'x=y' });
    expect(() => keyValues('--header', ['novalue'])).toThrow('--header expects name=value, got "novalue"');
  });
});
