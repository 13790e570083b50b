import fs from 'node:fs';
import type { GitBranchInput, GitBranchResult } from '../../contracts/index.js';
import { GitError, GIT_ERROR_CODES } from '../errors.js';
import { withRepoLock } from '../workspace/withRepoLock.js';
import { headOf } from './headOf.js';
import { openRepository } from './openRepository.js';
import { toGitError } from './toGitError.js';
import { loadGit } from '../loadGit.js';

/**
 * Creates a branch (at `from`, else HEAD) and/or switches to it. Without `create`, a missing branch is
 * created; `create: true` on an existing one fails; `create: false` on a missing one fails. Switching
 * refuses to overwrite uncommitted changes.
 */
export async function switchBranch(workspace: string, input: Omit<GitBranchInput, 'checkout'> & { checkout?: boolean }): Promise<GitBranchResult> {
  const git = await loadGit();
  const repo = await openRepository(workspace, input.path);
  return withRepoLock(repo.dir, async () => {
    const { dir } = repo;
    const exists = await git.resolveRef({ fs, dir, ref: `refs/heads/${input.name}` }).then(() => true, () => false);
    if (input.create === true && exists) throw new GitError(GIT_ERROR_CODES.failed, `branch "${input.name}" already exists in "${repo.path}"`, { details: { field: 'name' } });
    if (input.create === false && !exists) throw new GitError(GIT_ERROR_CODES.notFound, `branch "${input.name}" does not exist in "${repo.path}"`, { details: { field: 'name' } });
    const create = !exists;
    try {
      if (create) {
        const object = input.from ? await git.resolveRef({ fs, dir, ref: input.from }).catch(() => git.expandOid({ fs, dir, oid: input.from! })) : undefined;
        await git.branch({ fs, dir, ref: input.name, ...(object ? { object } : {}) });
      }
      if (input.checkout !== false) await git.checkout({ fs, dir, ref: input.name });
    } catch (error) {
      throw toGitError(error, { operation: `branch ${input.name}` });
    }
    return { path: repo.path, ...(await headOf(dir)), name: input.name, created: create };
  });
}
