import { describe, expect, it } from 'vitest';
import { extractGoPackage } from '../../../lib/docs/extract/go.js';
import { DOCS_FIXTURE_FILES } from '../../fixtures/docsRepo.js';

const file = (path: string) => ({ path, text: DOCS_FIXTURE_FILES[path]! });

describe('Go extractor', () => {
  it('documents a package: its doc comment, exported types with their methods, funcs and consts', () => {
    const module = extractGoPackage('greet', [file('greet/greet.go'), file('greet/doc.go')]);

    expect(module).toMatchObject({ path: 'greet', language: 'go', title: 'package greet', doc: 'Package greet builds salutations for the front desk.' });
    expect(module.symbols.map((s) => `${s.kind} ${s.name}`)).toEqual(['type Greeter', 'const DefaultLanguage', 'function NewGreeter']);
    const greeter = module.symbols[0]!;
    expect(greeter.doc).toBe('Greeter builds salutations in one language.');
    expect(greeter.signature).toContain('Language string');
    expect(greeter.signature).not.toContain('cache');
    expect(greeter.members).toEqual([expect.objectContaining({ name: 'Salute', signature: 'func (g *Greeter) Salute(name string) string', doc: "Salute returns the salutation for a visitor's name." })]);
    expect(module.symbols[2]).toMatchObject({ signature: 'func NewGreeter(language string) *Greeter', doc: 'NewGreeter returns a Greeter for the language.' });
    expect(JSON.stringify(module)).not.toContain('lowercase');
  });

  it('reads grouped declarations, each with its own comment or the group one, and skips directives', () => {
    const text = [
      'package limits',
      '',
      '// Limits of the queue.',
      'const (',
      '\t// MaxItems caps the queue.',
      '\tMaxItems = 10',
      '\tMinItems = 1',
      '\thidden = 3',
      ')',
      '',
      '//go:generate stringer -type=Mode',
      '// Mode says how to run.',
      'type Mode int',
      '',
      'var Verbose bool',
    ].join('\n');
    const module = extractGoPackage('limits', [{ path: 'limits/limits.go', text }]);
    expect(module.symbols.map((s) => [s.name, s.doc])).toEqual([
      ['MaxItems', 'MaxItems caps the queue.'],
      ['MinItems', 'Limits of the queue.'],
      ['Mode', 'Mode says how to run.'],
      ['Verbose', ''],
    ]);
  });

  it('leaves out methods of unexported types', () => {
    const text = 'package p\n\ntype inner struct{}\n\n// Do does.\nfunc (i inner) Do() {}\n';
    expect(extractGoPackage('p', [{ path: 'p/p.go', text }]).symbols).toEqual([]);
  });
});
