import fs from 'node:fs';
import type { GitPushInput, GitPushResult } from '../../contracts/index.js';
import { GitError, GIT_ERROR_CODES, GitNotFoundError } from '../errors.js';
import { withRepoLock } from '../workspace/withRepoLock.js';
import { headOf } from './headOf.js';
import { openRepository } from './openRepository.js';
import type { RemoteAuthFields } from '../credentials/resolveToken.js';
import { remoteAccess } from './remoteAccess.js';
import { transportFailure } from '../remote/guardedHttp.js';
import { toGitError } from './toGitError.js';
import { loadGit } from '../loadGit.js';

/** The URL of a remote of the repository (checked again by the URL guard before any transfer). */
export async function remoteUrl(dir: string, remote: string): Promise<string> {
  const git = await loadGit();
  const url = await git.getConfig({ fs, dir, path: `remote.${remote}.url` }).catch(() => undefined);
  if (typeof url !== 'string') throw new GitNotFoundError(`the repository has no remote "${remote}"`);
  return url;
}

/** Pushes a branch (default: the current one) to the remote's branch of the same name (or `remoteBranch`). */
export async function pushBranch(workspace: string, input: Omit<GitPushInput, 'remote' | 'force'> & { remote?: string; force?: boolean } & RemoteAuthFields, signal?: AbortSignal): Promise<GitPushResult> {
  const git = await loadGit();
  const repo = await openRepository(workspace, input.path);
  const { dir } = repo;
  const remote = input.remote ?? 'origin';
  return withRepoLock(dir, async () => {
    const branch = input.branch ?? (await git.currentBranch({ fs, dir, test: true }));
    if (!branch) throw new GitError(GIT_ERROR_CODES.failed, `"${repo.path}" has no branch checked out; give "branch"`);
    const remoteBranch = input.remoteBranch ?? branch;
    const access = await remoteAccess(await remoteUrl(dir, remote), input, signal);
    try {
      const result = await git.push({
        fs,
        http: access.http,
        dir,
        url: access.url,
        remote,
        ref: branch,
        remoteRef: remoteBranch,
        force: input.force === true,
        ...(access.onAuth ? { onAuth: access.onAuth, onAuthFailure: access.onAuthFailure } : {}),
      });
      if (!result.ok) throw new GitError(GIT_ERROR_CODES.pushRejected, `push rejected by ${access.host}: ${result.error ?? 'unknown reason'}`);
      const head = await headOf(dir);
      return { path: repo.path, ...head, branch, remoteBranch, ok: true };
    } catch (error) {
      throw transportFailure(access.http) ?? toGitError(error, { operation: 'push', host: access.host, secrets: access.secrets, username: access.username });
    }
  });
}
