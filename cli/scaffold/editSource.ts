import { readFileSync, writeFileSync } from 'node:fs';
import { CliUsageError } from '../errors.js';

/**
 * Adds an import after a file's last import and a name to the list that `listStart` opens (the
 * first match, e.g. `capabilities: [`). Text edits, by hand: a TypeScript printer would reformat
 * the whole file; a file that does not look as generated is refused with what to add by hand.
 */
export function addToList(path: string, importLine: string, listStart: RegExp, entry: string): void {
  const source = readFileSync(path, 'utf8');
  const imports = [...source.matchAll(/^import .*;$/gm)];
  const list = listStart.exec(source);
  const close = list ? source.indexOf(']', list.index + list[0].length) : -1;
  if (imports.length === 0 || !list || close < 0) {
    throw new CliUsageError(`${path} does not look as expected; add by hand:\n  ${importLine}\n  ${entry} to the list ${listStart.source}`);
  }
  const body = source.slice(list.index + list[0].length, close);
  if (new RegExp(`\\b${entry}\\b`).test(body)) throw new CliUsageError(`${path} already lists ${entry}`);
  const lastImport = imports.at(-1)!;
  const afterImports = lastImport.index + lastImport[0].length;
  const items = body.trim().length === 0 ? entry : `${body.trimEnd()}, ${entry}`;
  const edited = `${source.slice(0, afterImports)}\n${importLine}${source.slice(afterImports, list.index + list[0].length)}${items}${source.slice(close)}`;
  writeFileSync(path, edited);
}
