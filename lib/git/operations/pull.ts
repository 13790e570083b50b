import fs from 'node:fs';
import type { GitPullInput, GitPullResult } from '../../contracts/index.js';
import { GitDirtyWorktreeError, GitError, GIT_ERROR_CODES, GitNotFoundError } from '../errors.js';
import { withRepoLock } from '../workspace/withRepoLock.js';
import { trackedChanges } from './changedPaths.js';
import { checkCheckoutSize } from './checkoutLimits.js';
import { authorOf } from './commit.js';
import { fetchBranch } from './fetchBranch.js';
import { headOf } from './headOf.js';
import { openRepository } from './openRepository.js';
import { remoteUrl } from './push.js';
import type { RemoteAuthFields } from '../credentials/resolveToken.js';
import { remoteAccess } from './remoteAccess.js';
import { transportFailure } from '../remote/guardedHttp.js';
import { toGitError } from './toGitError.js';
import { loadGit } from '../loadGit.js';

/**
 * Fetches `origin`'s `branch` (default: the current branch's name) and fast-forwards the current branch
 * to it. Diverged history fails with `not-fast-forward`; uncommitted changes with `dirty-worktree`; a
 * fetched branch whose files are over the checkout limits with `git-blob-too-large` or
 * `git-checkout-too-large`, before the branch moves or a file is written.
 */
export async function pullBranch(workspace: string, input: GitPullInput & RemoteAuthFields, signal?: AbortSignal): Promise<GitPullResult> {
  const git = await loadGit();
  const repo = await openRepository(workspace, input.path);
  const { dir } = repo;
  return withRepoLock(dir, async () => {
    const current = await git.currentBranch({ fs, dir, test: true });
    if (!current) throw new GitError(GIT_ERROR_CODES.failed, `"${repo.path}" has no branch checked out; switch to a branch first`);
    const dirty = await trackedChanges(dir);
    if (dirty.length > 0) throw new GitDirtyWorktreeError('pull', dirty);
    const before = await headOf(dir);
    const access = await remoteAccess(await remoteUrl(dir, 'origin'), input, signal);
    const author = authorOf(undefined);
    const theirs = input.branch ?? current;
    try {
      const { fetchHead } = await fetchBranch(dir, access, { ref: current, remoteRef: theirs });
      if (!fetchHead) throw new GitNotFoundError(`origin has no branch "${theirs}" to pull`);
      // What git.pull does in one step, split so the files are known to fit before any is written.
      await checkCheckoutSize(dir, fetchHead);
      await git.merge({ fs, dir, ours: current, theirs: fetchHead, fastForwardOnly: true, author, committer: author });
      await git.checkout({ fs, dir, ref: current, remote: 'origin' });
    } catch (error) {
      throw transportFailure(access.http) ?? toGitError(error, { operation: 'pull', host: access.host, secrets: access.secrets, username: access.username });
    }
    const after = await headOf(dir);
    return { path: repo.path, ...after, ...(before.commit ? { previousCommit: before.commit } : {}), updated: before.commit !== after.commit };
  });
}
