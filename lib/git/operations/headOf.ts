import fs from 'node:fs';
import { loadGit } from '../loadGit.js';

/** The checked-out branch (absent when detached) and commit (absent in a repository with no commit yet). */
export async function headOf(dir: string): Promise<{ branch?: string; commit?: string }> {
  const git = await loadGit();
  const [branch, commit] = await Promise.all([
    git.currentBranch({ fs, dir, test: true }).catch(() => undefined),
    git.resolveRef({ fs, dir, ref: 'HEAD' }).catch(() => undefined),
  ]);
  return { ...(branch ? { branch } : {}), ...(commit ? { commit } : {}) };
}
