import fs from 'node:fs';
import { loadGit } from '../loadGit.js';

/** `statusMatrix` rows: [path, HEAD, working tree, index] (see isomorphic-git's statusMatrix docs). */
export type StatusRow = [string, number, number, number];

export async function statusRows(dir: string, filepaths?: readonly string[]): Promise<StatusRow[]> {
  const git = await loadGit();
  return (await git.statusMatrix({ fs, dir, ...(filepaths ? { filepaths: [...filepaths] } : {}) })) as StatusRow[];
}

/** Tracked or staged paths whose working tree or index differs from HEAD (untracked files do not count). */
export async function trackedChanges(dir: string): Promise<string[]> {
  return (await statusRows(dir))
    .filter(([, head, workdir, stage]) => (head === 1 && (workdir !== 1 || stage !== 1)) || (head === 0 && stage !== 0))
    .map(([path]) => path);
}
