import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderIndex } from '../../../lib/docs/render/renderIndex.js';
import { renderModule } from '../../../lib/docs/render/renderModule.js';
import type { DocSymbol, ModuleDoc } from '../../../lib/docs/types.js';

const symbol = (over: Partial<DocSymbol> = {}): DocSymbol => ({ name: 'parse', kind: 'function', signature: 'export function parse(text: string): Config', doc: 'Parses the text.', tags: [], members: [], ...over });
const module = (over: Partial<ModuleDoc> = {}): ModuleDoc => ({ path: 'src/parse.ts', language: 'typescript', title: 'src/parse.ts', doc: 'Parsing.', symbols: [symbol()], ...over });

describe('Markdown renderer', () => {
  it('renders a module: title, language, commit, contents, fenced signatures, comments and tags', () => {
    const markdown = renderModule(
      module({ summary: 'Turns text into a Config.', symbols: [symbol({ tags: [{ name: 'param', target: 'text', text: 'the input' }, { name: 'returns', text: 'the config' }, { name: 'example', text: "parse('a=1')" }] })] }),
      '0123456789abcdef0123',
    );

    expect(markdown).toContain('# src/parse.ts');
    expect(markdown).toContain('*TypeScript* · `src/parse.ts` · commit `0123456789ab`');
    expect(markdown).toContain('> **Summary** Turns text into a Config.');
    expect(markdown).toContain('- [`parse`](#parse-function) — function');
    expect(markdown).toContain('## `parse` (function)\n\n```ts\nexport function parse(text: string): Config\n```\n\nParses the text.');
    expect(markdown).toContain('**Parameters**\n\n- `text` — the input');
    expect(markdown).toContain('**Returns** the config');
    expect(markdown).toContain("**Example**\n\n```ts\nparse('a=1')\n```");
  });

  it('lists modules in the index with one-line descriptions', () => {
    const index = renderIndex('acme/api', 'abc', [module(), module({ path: 'greet', language: 'go', title: 'package greet', doc: '', symbols: [symbol({ name: 'Hello' })] })]);
    expect(index).toContain('API documentation at commit `abc`: 2 modules.');
    expect(index).toContain('- `src/parse.ts` (TypeScript) — Parsing.');
    expect(index).toContain('- `greet` (Go) — Exports Hello.');
  });

  it('never lets a signature break out of its code fence', () => {
    const markdown = renderModule(module({ symbols: [symbol({ signature: 'const tpl = ```\n# not a heading' })] }), 'c');
    expect(markdown).toContain('````ts\nconst tpl = ```\n# not a heading\n````');
  });

  it('renders any symbol name, signature and comment without throwing, and names every symbol', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string({ minLength: 1 }), signature: fc.string(), doc: fc.string() }), { maxLength: 5 }), (symbols) => {
        const markdown = renderModule(module({ symbols: symbols.map((s) => symbol(s)) }), 'c');
        const index = renderIndex('repo', 'c', [module({ symbols: symbols.map((s) => symbol(s)) })]);
        expect(typeof index).toBe('string');
        for (const s of symbols) expect(markdown).toContain(s.name.replace(/\s+/g, ' '));
      }),
      { numRuns: 200 },
    );
  });
});
