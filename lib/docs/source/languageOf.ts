import type { DocsLanguage } from '../../contracts/index.js';
import { SKIPPED_DIRECTORIES } from '../constants.js';

const BY_EXTENSION: Readonly<Record<string, DocsLanguage>> = {
  '.ts': 'typescript', '.tsx': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.go': 'go',
  '.py': 'python',
};

/** Test files, declaration files and minified bundles document nothing a reader of the API needs. */
const NOT_API = [/\.d\.[cm]?ts$/, /\.(test|spec)\.[cm]?[jt]sx?$/, /\.min\.js$/, /_test\.go$/, /(^|\/)test_[^/]*\.py$/, /_test\.py$/, /(^|\/)conftest\.py$/];

/** The language of a source file worth documenting, or undefined (not a source file, or a test). */
export function languageOf(path: string): DocsLanguage | undefined {
  if (NOT_API.some((pattern) => pattern.test(path))) return undefined;
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION[path.slice(dot).toLowerCase()];
}

/** Whether a directory (by its name) is left out entirely. Hidden directories are, too. */
export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name) || (name.startsWith('.') && name.length > 1);
}
