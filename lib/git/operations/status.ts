import type { GitFileChanges, GitStatusResult } from '../../contracts/index.js';
import { statusRows } from './changedPaths.js';
import { headOf } from './headOf.js';
import { openRepository } from './openRepository.js';

/** Each list of a status stops here, so a huge tree cannot make a huge result. */
export const STATUS_LIST_LIMIT = 1_000;

/**
 * The checked-out branch and commit and the changed files, from isomorphic-git's status matrix:
 * untracked (only in the working tree), added (staged, not in HEAD), deleted, modified.
 *
 * @example
 * await repositoryStatus('/tmp/syntor-git', 'docs-site'); // { branch: 'main', clean: false, files: { modified: ['README.md'], … } }
 */
export async function repositoryStatus(workspace: string, path: string): Promise<GitStatusResult> {
  const repo = await openRepository(workspace, path);
  const files: GitFileChanges = { modified: [], added: [], deleted: [], untracked: [] };
  for (const [file, head, workdir, stage] of await statusRows(repo.dir)) {
    if (head === 0 && stage === 0 && workdir === 2) files.untracked.push(file);
    else if (head === 0) files.added.push(file);
    else if (workdir === 0 || stage === 0) files.deleted.push(file);
    else if (workdir !== 1 || stage !== 1) files.modified.push(file);
  }
  const truncated = Object.values(files).some((list) => list.length > STATUS_LIST_LIMIT);
  const capped = Object.fromEntries(Object.entries(files).map(([key, list]) => [key, list.slice(0, STATUS_LIST_LIMIT)])) as GitFileChanges;
  const clean = Object.values(files).every((list) => list.length === 0);
  return { path: repo.path, ...(await headOf(repo.dir)), clean, files: capped, truncated };
}
