import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GIT_ERROR_CODES, GitNotFoundError } from '../errors.js';
import { resolveInWorkspace, type WorkspacePath } from '../workspace/resolveInWorkspace.js';

/** Whether `dir` holds a `.git` directory. */
export async function isRepository(dir: string): Promise<boolean> {
  return stat(join(dir, '.git')).then((s) => s.isDirectory(), () => false);
}

/** A workspace path that must already be a repository (every operation but clone and list). */
export async function openRepository(workspace: string, path: string): Promise<WorkspacePath> {
  const resolved = await resolveInWorkspace(workspace, path);
  if (!(await isRepository(resolved.dir))) {
    throw new GitNotFoundError(`"${resolved.path}" is not a git repository in the workspace (clone it first)`, GIT_ERROR_CODES.notRepository);
  }
  return resolved;
}
