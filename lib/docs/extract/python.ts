import type { DocSymbol, ModuleDoc, SourceFile } from '../types.js';

// Hand-written: no maintained Python parser on npm runs in Node without native code or a multi-megabyte
// WASM build. Docstrings sit in fixed places — the first statement of a module, class or def — which an
// indentation-aware line scanner finds; only the public API (names without a leading underscore,
// plus `__init__`) is documented, as pydoc does.

/** A Python module: its docstring, public top-level functions and classes, and classes' public methods. */
export function extractPython(file: SourceFile): ModuleDoc {
  const lines = file.text.replace(/\r\n?/g, '\n').split('\n');
  const moduleDoc = docstringAt(lines, firstStatement(lines, 0));
  const symbols: DocSymbol[] = [];
  // Open blocks (def or class) by indentation: what a new def belongs to.
  const open: { indent: number; symbol: DocSymbol; documented: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^(\s*)(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)/.exec(lines[i]!);
    if (!match) continue;
    const indent = match[1]!.length;
    while (open.length > 0 && open[open.length - 1]!.indent >= indent) open.pop();
    const parent = open[open.length - 1];
    const end = headerEnd(lines, i);
    const name = match[3]!;
    const isClass = match[2] === 'class';
    const signature = [...decorators(lines, i), ...lines.slice(i, end + 1).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))]
      .join('\n')
      .replace(/:\s*(#.*)?$/, '');
    const symbol: DocSymbol = { name, kind: isClass ? 'class' : parent ? 'method' : 'function', signature: signature.trim(), doc: docstringAt(lines, firstStatement(lines, end + 1)), tags: [], members: [] };
    const isPublic = !name.startsWith('_') || name === '__init__';
    // Only top-level names and the methods of documented top-level classes are API; nested defs are implementation.
    const documented = isPublic && (parent === undefined || (parent.documented && parent.symbol.kind === 'class' && !isClass && open.length === 1));
    if (documented && parent === undefined) symbols.push(symbol);
    else if (documented) parent!.symbol.members.push(symbol);
    open.push({ indent, symbol, documented: documented && parent === undefined });
    i = end;
  }
  return { path: file.path, language: 'python', title: file.path, doc: moduleDoc, symbols };
}

/** The `@decorator` lines right above a def or class. */
function decorators(lines: readonly string[], at: number): string[] {
  const found: string[] = [];
  for (let i = at - 1; i >= 0 && /^\s*@/.test(lines[i]!); i--) found.unshift(lines[i]!.trim());
  return found;
}

/** The line where a def/class header ends: its `:` outside brackets (headers may span lines). */
function headerEnd(lines: readonly string[], from: number): number {
  let depth = 0;
  for (let i = from; i < lines.length && i < from + 50; i++) {
    for (const ch of stripStrings(lines[i]!).replace(/#.*$/, '')) {
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
    }
    if (depth <= 0 && /:\s*(#.*)?$/.test(stripStrings(lines[i]!))) return i;
  }
  return from;
}

/** The index of the first line of code at or after `from`, skipping blanks, comments and `from __future__`. */
function firstStatement(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return i;
  }
  return lines.length;
}

/** The docstring starting at line `at` (a string literal statement), dedented, or ''. */
function docstringAt(lines: readonly string[], at: number): string {
  const first = lines[at]?.trim();
  const open = first && /^[rRuU]?("""|'''|"|')/.exec(first);
  if (!first || !open) return '';
  const quote = open[1]!;
  const body = first.slice(open[0].length);
  const close = body.indexOf(quote);
  if (close >= 0) return body.slice(0, close).trim();
  if (quote.length === 1) return '';
  const collected = [body];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const end = line.indexOf(quote);
    if (end >= 0) {
      collected.push(line.slice(0, end));
      break;
    }
    collected.push(line);
  }
  return dedent(collected).trim();
}

function dedent(lines: readonly string[]): string {
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const indent = Math.min(...rest.map((l) => l.length - l.trimStart().length), Infinity);
  return [lines[0]!.trim(), ...lines.slice(1).map((l) => (Number.isFinite(indent) ? l.slice(indent) : l))].join('\n');
}

function stripStrings(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
}
