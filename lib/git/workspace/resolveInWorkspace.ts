import { mkdir, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GitPathError } from '../errors.js';

/** A directory inside the workspace: as the request named it and as the file system knows it. */
export interface WorkspacePath {
  /** Relative to the workspace, with `/` separators. */
  path: string;
  /** Absolute, symlinks in the workspace itself resolved. */
  dir: string;
}

/**
 * The static checks: not empty, not absolute, no NUL, no `..` segment, not the workspace itself, and
 * nothing inside `.git`. Returns the path normalized (`a//b/./c` → `a/b/c`).
 */
export function checkRelativePath(path: string, field = 'path'): string {
  if (path.includes('\0')) throw new GitPathError(path.replace(/\0/g, '\\0'), `${field} contains a NUL character`);
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) throw new GitPathError(path, `${field} must be relative to the workspace, not absolute`);
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new GitPathError(path, `${field} must not contain ".."`);
  if (segments.length === 0) throw new GitPathError(path, `${field} must name something inside the workspace`);
  if (segments.some(namesGitDir)) throw new GitPathError(path, `${field} must not point into a .git directory`);
  return segments.join('/');
}

/** `.git` as a case-insensitive file system (macOS, Windows) or NTFS's dropping of trailing dots and spaces would read it. */
function namesGitDir(segment: string): boolean {
  return segment.replace(/[. ]+$/, '').toLowerCase() === '.git';
}

/** The nearest ancestor of `target` (itself included) that exists, with symlinks resolved. */
async function realpathOfNearest(target: string): Promise<string> {
  let current = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(current), ...rest.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = dirname(current);
      if (parent === current) throw error;
      rest.push(basename(current));
      current = parent;
    }
  }
}

/**
 * Resolves a request's `path` to a directory confined to the workspace (created if missing). Refuses
 * absolute paths, `..`, NUL and a symlink anywhere on the way that leads out of the workspace.
 *
 * @example
 * const { dir } = await resolveInWorkspace('/tmp/syntor-git', 'docs-site'); // /tmp/syntor-git/docs-site
 * await resolveInWorkspace('/tmp/syntor-git', '../etc'); // GitPathError: path "../etc" is refused: …
 */
export async function resolveInWorkspace(workspace: string, path: string, field = 'path'): Promise<WorkspacePath> {
  const normalized = checkRelativePath(path, field);
  await mkdir(workspace, { recursive: true });
  const root = await realpath(resolve(workspace));
  const dir = await realpathOfNearest(join(root, normalized));
  const inside = relative(root, dir);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new GitPathError(path, `${field} leads out of the workspace through a symbolic link`);
  }
  return { path: normalized, dir };
}
