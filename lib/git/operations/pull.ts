import fs from 'node:fs';
import type { GitPullInput, GitPullResult } from '../../contracts/index.js';
import { GitDirtyWorktreeError, GitError, GIT_ERROR_CODES } from '../errors.js';
import { withRepoLock } from '../workspace/withRepoLock.js';
import { trackedChanges } from './changedPaths.js';
import { authorOf } from './commit.js';
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
 * to it. Diverged history fails with `not-fast-forward`; uncommitted changes with `dirty-worktree`.
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
    try {
      await git.pull({
        fs,
        http: access.http,
        dir,
        url: access.url,
        remote: 'origin',
        ref: current,
        remoteRef: input.branch ?? current,
        singleBranch: true,
        fastForwardOnly: true,
        author,
        committer: author,
        ...(access.onAuth ? { onAuth: access.onAuth, onAuthFailure: access.onAuthFailure } : {}),
      });
    } catch (error) {
      throw transportFailure(access.http) ?? toGitError(error, { operation: 'pull', host: access.host, secrets: access.secrets, username: access.username });
    }
    const after = await headOf(dir);
    return { path: repo.path, ...after, ...(before.commit ? { previousCommit: before.commit } : {}), updated: before.commit !== after.commit };
  });
}
