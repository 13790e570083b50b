import fs from 'node:fs';
import type { GitAuthor, GitCommitInput, GitCommitResult } from '../../contracts/index.js';
import { getConfig } from '../../config/index.js';
import { GitError, GIT_ERROR_CODES, GitPathError } from '../errors.js';
import { resolveInWorkspace } from '../workspace/resolveInWorkspace.js';
import { withRepoLock } from '../workspace/withRepoLock.js';
import { statusRows } from './changedPaths.js';
import { headOf } from './headOf.js';
import { openRepository } from './openRepository.js';
import { toGitError } from './toGitError.js';
import { loadGit } from '../loadGit.js';

/** The request's author, else SYNTOR_GIT_AUTHOR_NAME / SYNTOR_GIT_AUTHOR_EMAIL. */
export function authorOf(requested: GitAuthor | undefined): GitAuthor {
  return requested ?? getConfig().git.author;
}

/**
 * Stages the given paths (or every change, deletions and untracked files included, as `git add -A`)
 * and commits them on the current branch. Nothing to commit is an error unless `allowEmpty`.
 */
export async function commitChanges(workspace: string, input: Omit<GitCommitInput, 'allowEmpty'> & { allowEmpty?: boolean }): Promise<GitCommitResult> {
  const git = await loadGit();
  const repo = await openRepository(workspace, input.path);
  const { dir } = repo;
  // Each path is confined to the repository too: a symlinked directory must not let `add` read outside it.
  const paths = input.paths && (await Promise.all(input.paths.map(async (p, i) => (await resolveInWorkspace(dir, p, `paths.${i}`)).path)));
  return withRepoLock(dir, async () => {
    const author = authorOf(input.author);
    try {
      const rows = await statusRows(dir, paths);
      paths?.forEach((p, i) => {
        if (!rows.some(([file]) => file === p || file.startsWith(`${p}/`))) throw new GitPathError(input.paths![i]!, `paths.${i} matches no file in the repository`);
      });
      for (const [file, , workdir, stage] of rows) {
        if (workdir === 0 && stage !== 0) await git.remove({ fs, dir, filepath: file });
        else if (workdir === 2 && stage !== 2) await git.add({ fs, dir, filepath: file });
      }
      const staged = (await statusRows(dir, paths)).filter(([, head, , stage]) => !(head === stage && stage <= 1)).length;
      if (staged === 0 && input.allowEmpty !== true) {
        throw new GitError(GIT_ERROR_CODES.nothingToCommit, `nothing to commit in "${repo.path}"${paths ? ` under ${paths.join(', ')}` : ''}`);
      }
      const commit = await git.commit({ fs, dir, message: input.message, author, committer: author });
      const head = await headOf(dir);
      return { path: repo.path, ...head, commit, files: staged, author };
    } catch (error) {
      throw toGitError(error, { operation: 'commit' });
    }
  });
}
