import fs from 'node:fs';
import type { GitMergeInput, GitMergeResult } from '../../contracts/index.js';
import { GitDirtyWorktreeError, GitError, GIT_ERROR_CODES } from '../errors.js';
import { withRepoLock } from '../workspace/withRepoLock.js';
import { trackedChanges } from './changedPaths.js';
import { authorOf } from './commit.js';
import { headOf } from './headOf.js';
import { openRepository } from './openRepository.js';
import { toGitError } from './toGitError.js';
import { loadGit } from '../loadGit.js';

/**
 * Merges `theirs` into the current branch: a fast-forward when possible (unless `noFastForward`), else
 * a merge commit. A conflict changes nothing (isomorphic-git's `abortOnConflict`) and fails with
 * `merge-conflict` and the conflicting paths. Needs a clean working tree, as the merge's result is
 * checked out.
 */
export async function mergeBranch(workspace: string, input: Omit<GitMergeInput, 'fastForwardOnly' | 'noFastForward'> & { fastForwardOnly?: boolean; noFastForward?: boolean }): Promise<GitMergeResult> {
  const git = await loadGit();
  const repo = await openRepository(workspace, input.path);
  const { dir } = repo;
  return withRepoLock(dir, async () => {
    const ours = await git.currentBranch({ fs, dir, test: true });
    if (!ours) throw new GitError(GIT_ERROR_CODES.failed, `"${repo.path}" has no branch checked out (detached HEAD); switch to a branch first`);
    const dirty = await trackedChanges(dir);
    if (dirty.length > 0) throw new GitDirtyWorktreeError('merge', dirty);
    const author = authorOf(input.author);
    try {
      const result = await git.merge({
        fs,
        dir,
        ours,
        theirs: input.theirs,
        fastForward: input.noFastForward !== true,
        fastForwardOnly: input.fastForwardOnly === true,
        abortOnConflict: true,
        author,
        committer: author,
        ...(input.message ? { message: input.message } : {}),
      });
      if (!result.alreadyMerged) await git.checkout({ fs, dir, ref: ours });
      const head = await headOf(dir);
      return { path: repo.path, ...head, commit: head.commit ?? result.oid ?? '', fastForward: result.fastForward === true, mergeCommit: result.mergeCommit === true, alreadyMerged: result.alreadyMerged === true };
    } catch (error) {
      throw toGitError(error, { operation: `merge ${input.theirs}`, theirs: input.theirs });
    }
  });
}
