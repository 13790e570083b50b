import type { DocSymbol, ModuleDoc, SourceFile, SymbolKind } from '../types.js';

// Hand-written: no maintained Go parser exists on npm (tree-sitter needs native or WASM builds, too
// heavy for a Lambda bundle). Go doc comments follow a strict layout — `//` lines directly above a
// top-level declaration that starts in column 0 — which a line scanner reads reliably.

const MAX_BLOCK_LINES = 40;

/**
 * One Go package (the non-test `.go` files of a directory): the package doc comment and every exported
 * func, method (on an exported type), type, const and var, each with the doc comment above it.
 */
export function extractGoPackage(directory: string, files: readonly SourceFile[]): ModuleDoc {
  let packageName = '';
  let packageDoc = '';
  const symbols: DocSymbol[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const scanned = scanGoFile(file.text);
    packageName ||= scanned.packageName;
    // Go's rule: the package doc is the comment on one package clause (conventionally in doc.go).
    if (!packageDoc || file.path.endsWith('/doc.go') || file.path === 'doc.go') packageDoc = scanned.packageDoc || packageDoc;
    symbols.push(...scanned.symbols);
  }
  const types = new Map(symbols.filter((s) => s.kind === 'type').map((s) => [s.name, s]));
  const topLevel: DocSymbol[] = [];
  for (const symbol of symbols) {
    const receiver = symbol.kind === 'method' ? receiverType(symbol.signature) : undefined;
    const owner = receiver && types.get(receiver);
    if (owner) owner.members.push(symbol);
    else if (symbol.kind !== 'method' || (receiver && isExported(receiver))) topLevel.push(symbol);
  }
  return { path: directory, language: 'go', title: packageName ? `package ${packageName}` : directory, doc: packageDoc, symbols: topLevel };
}

interface ScannedGoFile {
  packageName: string;
  packageDoc: string;
  symbols: DocSymbol[];
}

export function scanGoFile(text: string): ScannedGoFile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const result: ScannedGoFile = { packageName: '', packageDoc: '', symbols: [] };
  let comment: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('//')) {
      // Directives (//go:generate, //nolint) are not documentation.
      if (!/^\/\/(go:|line |nolint|export |extern )/.test(line)) comment.push(line.replace(/^\/\/ ?/, ''));
      continue;
    }
    const doc = comment.join('\n').trim();
    comment = [];
    const pkg = /^package\s+([A-Za-z_]\w*)/.exec(line);
    if (pkg) {
      result.packageName ||= pkg[1]!;
      result.packageDoc ||= doc;
      continue;
    }
    const func = /^func\s+(?:\(([^)]*)\)\s*)?([A-Za-z_]\w*)/.exec(line);
    if (func) {
      const end = until(lines, i, (l) => l.includes('{'));
      const signature = lines.slice(i, end + 1).join('\n').replace(/\s*\{[^{]*$/, '').trim();
      if (isExported(func[2]!)) result.symbols.push(goSymbol(func[2]!, func[1] ? 'method' : 'function', signature, doc));
      i = end;
      continue;
    }
    const group = /^(const|var|type)\s*\($/.exec(line);
    if (group) {
      i = scanGroup(lines, i, group[1] as 'const' | 'var' | 'type', doc, result.symbols);
      continue;
    }
    const single = /^(const|var|type)\s+([A-Za-z_]\w*)/.exec(line);
    if (single) {
      const end = blockEnd(lines, i);
      if (isExported(single[2]!)) {
        const block = lines.slice(i, end + 1);
        const kind: SymbolKind = single[1] === 'type' ? 'type' : single[1] === 'const' ? 'const' : 'variable';
        result.symbols.push(goSymbol(single[2]!, kind, cap(single[1] === 'type' ? block.filter((l, n) => n === 0 || !isUnexportedField(l)) : [block[0]!]), doc));
      }
      i = end;
    }
  }
  return result;
}

/** `const ( A = 1; b = 2 )`: one symbol per exported name, with its own comment or the group's. */
function scanGroup(lines: readonly string[], start: number, keyword: 'const' | 'var' | 'type', groupDoc: string, out: DocSymbol[]): number {
  let comment: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === ')') return i;
    if (line.startsWith('//')) {
      comment.push(line.replace(/^\/\/ ?/, ''));
      continue;
    }
    const name = /^([A-Za-z_]\w*)/.exec(line)?.[1];
    if (name && isExported(name)) {
      const kind: SymbolKind = keyword === 'type' ? 'type' : keyword === 'const' ? 'const' : 'variable';
      out.push(goSymbol(name, kind, `${keyword} ${line.replace(/\s*\/\/.*$/, '')}`, comment.join('\n').trim() || groupDoc));
    }
    comment = [];
  }
  return lines.length - 1;
}

function goSymbol(name: string, kind: SymbolKind, signature: string, doc: string): DocSymbol {
  return { name, kind, signature, doc, tags: [], members: [] };
}

function isExported(name: string): boolean {
  return /^[A-Z]/.test(name);
}

function isUnexportedField(line: string): boolean {
  return /^\s+[a-z_]\w*\s/.test(line);
}

function receiverType(signature: string): string | undefined {
  return /^func\s+\(\s*(?:\w+\s+)?\*?\s*([A-Za-z_]\w*)/.exec(signature)?.[1];
}

function until(lines: readonly string[], from: number, done: (line: string) => boolean): number {
  for (let i = from; i < lines.length && i < from + MAX_BLOCK_LINES; i++) if (done(lines[i]!)) return i;
  return from;
}

/** The last line of a declaration: where its braces or parentheses close (a one-liner ends where it starts). */
function blockEnd(lines: readonly string[], from: number): number {
  let depth = 0;
  for (let i = from; i < lines.length; i++) {
    for (const ch of lines[i]!.replace(/\/\/.*$/, '').replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '')) {
      if (ch === '{' || ch === '(') depth++;
      else if (ch === '}' || ch === ')') depth--;
    }
    if (depth <= 0) return i;
  }
  return lines.length - 1;
}

function cap(lines: readonly string[]): string {
  return (lines.length > MAX_BLOCK_LINES ? [...lines.slice(0, MAX_BLOCK_LINES), '\t// …'] : lines).join('\n').trim();
}
