import { describe, expect, it } from 'vitest';
import { extractTypeScript } from '../../../lib/docs/extract/typescript.js';
import { DOCS_FIXTURE_FILES } from '../../fixtures/docsRepo.js';

const inventory = { path: 'src/inventory.ts', text: DOCS_FIXTURE_FILES['src/inventory.ts']! };

describe('TypeScript extractor', () => {
  it('documents every exported declaration with its signature and TSDoc, and nothing private', async () => {
    const module = await extractTypeScript(inventory, 'typescript');

    expect(module.doc).toBe('Inventory bookkeeping for the warehouse.');
    expect(module.symbols.map((s) => `${s.kind} ${s.name}`)).toEqual([
      'interface StockLevel', 'enum Unit', 'type Sku', 'const MAX_STACK', 'function reconcileStock', 'class Shelf',
    ]);
    const reconcile = module.symbols.find((s) => s.name === 'reconcileStock')!;
    expect(reconcile.signature).toBe('export function reconcileStock(counted: Record<string, number>, ledger: Record<string, number>): string[]');
    expect(reconcile.doc).toBe('Reconciles counted stock against the ledger and reports the discrepancies.');
    expect(reconcile.tags).toEqual([
      { name: 'param', target: 'counted', text: 'what the night shift counted, by SKU' },
      { name: 'param', target: 'ledger', text: 'what the books say' },
      { name: 'returns', text: 'the SKUs whose counts differ' },
      expect.objectContaining({ name: 'example', text: expect.stringContaining("reconcileStock({ a: 1 }, { a: 2 }); // ['a']") }),
    ]);
    const shelf = module.symbols.find((s) => s.name === 'Shelf')!;
    expect(shelf.members.map((m) => m.name)).toEqual(['constructor', 'addCrates']);
    expect(JSON.stringify(module)).not.toMatch(/hiddenHelper|secretCode|rebalanceHidden|#crates/);
  });

  it('reads JSDoc in JavaScript, including typed @param tags', async () => {
    const module = await extractTypeScript({ path: 'lib/format.js', text: DOCS_FIXTURE_FILES['lib/format.js']! }, 'javascript');

    expect(module.symbols).toHaveLength(1);
    expect(module.symbols[0]).toMatchObject({
      name: 'formatPrice',
      signature: "export function formatPrice(cents, currency = 'EUR')",
      doc: 'Formats a price in cents as a currency string.',
      tags: [{ name: 'param', target: 'cents', text: 'the amount in cents' }, { name: 'param', target: 'currency', text: 'ISO 4217 code' }, { name: 'returns', text: 'the formatted price' }],
    });
  });

  it.each([
    ['export { a, b as c }', 'function a() {}\n/** B. */\nconst b = (x: number) => x * 2;\nfunction d() {}\nexport { a, b as c };', ['a', 'b']],
    ['@internal symbols', '/** @internal */\nexport function hidden() {}\nexport function shown() {}', ['shown']],
    ['export default function', 'export default function main(argv: string[]) {}', ['main']],
    ['arrow functions', '/** Doubles. */\nexport const double = (n: number): number => n * 2;', ['double']],
  ])('handles %s', async (_, text, names) => {
    const module = await extractTypeScript({ path: 'x.ts', text }, 'typescript');
    expect(module.symbols.map((s) => s.name)).toEqual(names);
  });

  it('prints an arrow function const with its parameters, not its body', async () => {
    const module = await extractTypeScript({ path: 'x.ts', text: '/** Doubles. */\nexport const double = (n: number): number => n * 2;' }, 'typescript');
    expect(module.symbols[0]).toMatchObject({ kind: 'const', signature: 'export const double = (n: number): number =>', doc: 'Doubles.' });
  });

  it('does not give the file comment to the first symbol', async () => {
    const module = await extractTypeScript({ path: 'x.ts', text: '/** The module. @module */\nexport function first() {}' }, 'typescript');
    expect(module.doc).toBe('The module.');
    expect(module.symbols[0]!.doc).toBe('');
  });
});
