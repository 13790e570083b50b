import fs from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { GitListResult, GitRepositorySummary } from '../../contracts/index.js';
import { headOf } from './headOf.js';
import { isRepository } from './openRepository.js';
import { loadGit } from '../loadGit.js';

/** How deep under the workspace repositories are looked for (`owner/group/repo` at most). */
const MAX_DEPTH = 3;

/**
 * The repositories in the workspace: directories holding `.git` (not looked into further), each with
 * its branch, commit and `origin` URL. Symbolic links are not followed.
 */
export async function listRepositories(workspace: string): Promise<GitListResult> {
  const git = await loadGit();
  await mkdir(workspace, { recursive: true });
  const found: GitRepositorySummary[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (await isRepository(dir)) {
      const remote = await git.getConfig({ fs, dir, path: 'remote.origin.url' }).catch(() => undefined);
      found.push({ path: relative(workspace, dir).split('\\').join('/'), ...(await headOf(dir)), ...(typeof remote === 'string' ? { remote } : {}) });
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.')) await visit(join(dir, entry.name), depth + 1);
  };
  const top = await readdir(workspace, { withFileTypes: true });
  for (const entry of top) if (entry.isDirectory() && !entry.name.startsWith('.')) await visit(join(workspace, entry.name), 1);
  return { repositories: found.sort((a, b) => a.path.localeCompare(b.path)) };
}
