import type { DocsLanguage } from '../contracts/index.js';

export type SymbolKind = 'function' | 'class' | 'interface' | 'type' | 'enum' | 'const' | 'variable' | 'method' | 'property' | 'constructor';

/** A tag of a doc comment: `@param name text`, `@returns text`, `@example code`, … */
export interface DocTag {
  name: string;
  /** The parameter name, for `@param`. */
  target?: string;
  text: string;
}

/** One documented, exported symbol. */
export interface DocSymbol {
  name: string;
  kind: SymbolKind;
  /** The declaration as written, without its body. */
  signature: string;
  /** The doc comment's prose, tags removed. */
  doc: string;
  tags: DocTag[];
  /** Public members of a class (or methods of a Go type). */
  members: DocSymbol[];
}

/** One module: a source file (TypeScript, JavaScript, Python) or a Go package (a directory). */
export interface ModuleDoc {
  /** Repository-relative: the file path, or the package directory for Go (`.` at the root). */
  path: string;
  language: DocsLanguage;
  /** The package name for Go, else the file path. */
  title: string;
  /** The module's own comment: package doc, module docstring, `@packageDocumentation` / `@module`. */
  doc: string;
  symbols: DocSymbol[];
  /** Filled in by the summarizer when a model provider is configured. */
  summary?: string;
}

/** A source file read from the repository at the commit. */
export interface SourceFile {
  path: string;
  text: string;
}
