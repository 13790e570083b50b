import type TypeScript from 'typescript';
import type { DocsLanguage } from '../../contracts/index.js';
import type { DocSymbol, DocTag, ModuleDoc, SourceFile, SymbolKind } from '../types.js';
import { loadTypeScript } from './loadTypeScript.js';

type TS = typeof TypeScript;

const FILE_TAGS = new Set(['packageDocumentation', 'module', 'file', 'fileoverview']);

/** Longer declarations (big interfaces, unions) are cut in the signature; their members still show. */
const MAX_SIGNATURE_LINES = 40;

/**
 * The exported API of one TypeScript or JavaScript file, read with the TypeScript compiler's parser
 * (one `createSourceFile`, no type checking: signatures are shown as written). Functions, classes with
 * their public members, interfaces, type aliases, enums and exported variables, each with its
 * TSDoc/JSDoc prose and tags; `@internal`, `@private` and `@ignore` symbols are left out.
 */
export async function extractTypeScript(file: SourceFile, language: Extract<DocsLanguage, 'typescript' | 'javascript'>): Promise<ModuleDoc> {
  const ts = await loadTypeScript();
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, scriptKindOf(ts, file.path));
  const reader = createReader(ts, source);
  const symbols: DocSymbol[] = [];
  const exportedNames = namedExports(ts, source);
  for (const statement of source.statements) {
    const exported = isExported(ts, statement) || declaredNames(ts, statement).some((n) => exportedNames.has(n));
    if (!exported) continue;
    symbols.push(...reader.symbolsOf(statement));
  }
  return { path: file.path, language, title: file.path, doc: moduleDoc(ts, source), symbols: symbols.filter((s) => !isHidden(s)) };
}

function scriptKindOf(ts: TS, path: string): TypeScript.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function isExported(ts: TS, node: TypeScript.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names exported by `export { a, b as c }` (without a module specifier) and `export default a`. */
function namedExports(ts: TS, source: TypeScript.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).text);
    }
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) names.add(statement.expression.text);
  }
  return names;
}

function declaredNames(ts: TS, statement: TypeScript.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  const name = (statement as { name?: TypeScript.Node }).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}

function isHidden(symbol: DocSymbol): boolean {
  return symbol.tags.some((t) => t.name === 'internal' || t.name === 'private' || t.name === 'ignore');
}

/**
 * The file's own comment: a leading `/** … *\/` with `@packageDocumentation`, `@module`, `@file` or
 * `@fileoverview`. Read from the comment ranges, since the parser attaches it to the first statement.
 */
function moduleDoc(ts: TS, source: TypeScript.SourceFile): string {
  for (const range of ts.getLeadingCommentRanges(source.text, 0) ?? []) {
    const raw = source.text.slice(range.pos, range.end);
    if (!raw.startsWith('/**') || !/@(packageDocumentation|module|file|fileoverview)\b/.test(raw)) continue;
    const lines = raw.replace(/^\/\*\*|\*\/$/g, '').split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    return lines
      .map((l) => l.replace(/@(module|file|fileoverview)\s*/, ''))
      .filter((l) => !/^\s*@packageDocumentation\s*$/.test(l))
      .join('\n')
      .trim();
  }
  return '';
}

function createReader(ts: TS, source: TypeScript.SourceFile) {
  const text = source.text;

  /** The declaration from its first token (decorators and doc comment excluded) up to `end`. */
  function slice(node: TypeScript.Node, end: number): string {
    const start = node.getStart(source, false);
    const cut = text.slice(start, Math.max(start, end)).trim().replace(/\s*[{=]\s*$/, '');
    const lines = cut.split('\n');
    return lines.length > MAX_SIGNATURE_LINES ? `${lines.slice(0, MAX_SIGNATURE_LINES).join('\n')}\n  // …` : cut;
  }

  function docOf(node: TypeScript.Node): { doc: string; tags: DocTag[] } {
    // A file comment parses as the first statement's doc comment; it is the module's, not the symbol's.
    const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc)
      .filter((d) => !(d.tags ?? []).some((t) => FILE_TAGS.has(t.tagName.text)));
    const last = docs[docs.length - 1];
    if (!last) return { doc: '', tags: [] };
    const tags: DocTag[] = (last.tags ?? []).map((tag) => {
      const comment = (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/^\s*-\s+/, '');
      if ((ts.isJSDocParameterTag(tag) || ts.isJSDocPropertyTag(tag)) && tag.name) {
        return { name: tag.tagName.text === 'arg' || tag.tagName.text === 'argument' ? 'param' : tag.tagName.text, target: tag.name.getText(source), text: comment };
      }
      return { name: tag.tagName.text === 'return' ? 'returns' : tag.tagName.text, text: comment };
    });
    return { doc: (ts.getTextOfJSDocComment(last.comment) ?? '').trim(), tags };
  }

  function symbol(node: TypeScript.Node, name: string, kind: SymbolKind, signature: string, members: DocSymbol[] = [], docNode: TypeScript.Node = node): DocSymbol {
    return { name, kind, signature, ...docOf(docNode), members };
  }

  function isPublic(member: TypeScript.ClassElement): boolean {
    const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) return false;
    return !(member.name && ts.isPrivateIdentifier(member.name));
  }

  function memberOf(member: TypeScript.ClassElement | TypeScript.TypeElement): DocSymbol | undefined {
    const name = member.name ? member.name.getText(source) : undefined;
    if (ts.isConstructorDeclaration(member)) {
      return symbol(member, 'constructor', 'constructor', slice(member, member.body ? member.body.getStart(source) : member.end));
    }
    if (!name) return undefined;
    if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
      return symbol(member, name, 'method', slice(member, member.body ? member.body.getStart(source) : member.end).replace(/;$/, ''));
    }
    if (ts.isPropertyDeclaration(member)) {
      return symbol(member, name, 'property', slice(member, member.initializer ? member.initializer.getFullStart() : member.end).replace(/;$/, ''));
    }
    if (ts.isMethodSignature(member) || ts.isPropertySignature(member)) {
      return symbol(member, name, ts.isMethodSignature(member) ? 'method' : 'property', slice(member, member.end).replace(/[;,]$/, ''));
    }
    return undefined;
  }

  function symbolsOf(statement: TypeScript.Statement): DocSymbol[] {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      return [symbol(statement, statement.name.text, 'function', slice(statement, statement.body ? statement.body.getStart(source) : statement.end).replace(/;$/, ''))];
    }
    if (ts.isClassDeclaration(statement)) {
      const members = statement.members.filter(isPublic).map(memberOf).filter((m): m is DocSymbol => m !== undefined && !isHidden(m));
      return [symbol(statement, statement.name?.text ?? 'default', 'class', slice(statement, statement.members.pos), members)];
    }
    if (ts.isInterfaceDeclaration(statement)) {
      const members = statement.members.map(memberOf).filter((m): m is DocSymbol => m !== undefined && !isHidden(m));
      return [symbol(statement, statement.name.text, 'interface', slice(statement, statement.members.pos), members)];
    }
    if (ts.isTypeAliasDeclaration(statement)) {
      return [symbol(statement, statement.name.text, 'type', slice(statement, statement.end).replace(/;$/, ''))];
    }
    if (ts.isEnumDeclaration(statement)) {
      return [symbol(statement, statement.name.text, 'enum', slice(statement, statement.end))];
    }
    if (ts.isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      return statement.declarationList.declarations.flatMap((declaration) => {
        if (!ts.isIdentifier(declaration.name)) return [];
        const keyword = constant ? 'const' : 'let';
        const init = declaration.initializer;
        let signature = `${isExported(ts, statement) ? 'export ' : ''}${keyword} ${declaration.name.text}${declaration.type ? `: ${declaration.type.getText(source)}` : ''}`;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          signature += ` = ${slice(init, init.body.getStart(source))}`;
        } else if (init && !declaration.type && init.getText(source).length <= 80 && !init.getText(source).includes('\n')) {
          signature += ` = ${init.getText(source)}`;
        }
        return [symbol(declaration, declaration.name.text, constant ? 'const' : 'variable', signature, [], statement)];
      });
    }
    return [];
  }

  return { symbolsOf };
}
