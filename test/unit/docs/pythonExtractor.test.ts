import { describe, expect, it } from 'vitest';
import { extractPython } from '../../../lib/docs/extract/python.js';
import { DOCS_FIXTURE_FILES } from '../../fixtures/docsRepo.js';

describe('Python extractor', () => {
  it('documents the module docstring, public functions and classes with their public methods', () => {
    const module = extractPython({ path: 'tools/ledger.py', text: DOCS_FIXTURE_FILES['tools/ledger.py']! });

    expect(module.doc).toBe('Ledger utilities for nightly stock audits.');
    expect(module.symbols.map((s) => `${s.kind} ${s.name}`)).toEqual(['function audit_ledger', 'class Auditor']);
    expect(module.symbols[0]).toMatchObject({
      signature: 'def audit_ledger(entries, tolerance=0.01)',
      doc: 'Audit ledger entries and return the suspicious ones.\n\nEntries whose amount deviates more than the tolerance are flagged.',
    });
    expect(module.symbols[1]!.members.map((m) => [m.name, m.doc])).toEqual([
      ['__init__', 'Create an auditor for a cron schedule.'],
      ['run_audit', 'Run one audit pass over the ledger.'],
    ]);
    expect(JSON.stringify(module)).not.toMatch(/_private_helper|_hidden|Must not be documented/);
  });

  it('reads multi-line signatures, decorators, single-quoted docstrings, and skips nested defs', () => {
    const text = [
      "'''Tools.'''",
      '',
      '@cached',
      'async def fetch(url,',
      '                timeout=3):  # seconds',
      "    'Fetch a URL.'",
      '    def inner():',
      '        """Nested: not API."""',
      '    return inner',
      '',
      'class _Private:',
      '    def visible(self):',
      '        """Hidden with its class."""',
    ].join('\n');
    const module = extractPython({ path: 'tools.py', text });
    expect(module.doc).toBe('Tools.');
    expect(module.symbols).toEqual([expect.objectContaining({ name: 'fetch', signature: '@cached\nasync def fetch(url,\n                timeout=3)', doc: 'Fetch a URL.', members: [] })]);
  });
});
