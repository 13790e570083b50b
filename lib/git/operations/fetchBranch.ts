import fs from 'node:fs';
import type { FetchResult } from 'isomorphic-git';
import { loadGit } from '../loadGit.js';
import type { RemoteAccess } from './remoteAccess.js';

export interface FetchBranchOptions {
  /** The local branch the fetch is for; its commits are offered to the remote as ones we have. */
  ref?: string;
  /** The remote's branch; default: `ref`. */
  remoteRef?: string;
  depth?: number;
  onProgress?: (event: { phase: string; loaded: number; total: number }) => void;
}

/**
 * Fetches one branch of `origin` without checking anything out. isomorphic-git moves the
 * remote-tracking ref before it has the pack, so a refused or broken transfer would leave it naming a
 * commit that is not there: it is put back as it was.
 */
export async function fetchBranch(dir: string, access: RemoteAccess, options: FetchBranchOptions): Promise<FetchResult> {
  const git = await loadGit();
  const branch = options.remoteRef ?? options.ref;
  const tracking = branch ? `refs/remotes/origin/${branch}` : undefined;
  const before = tracking ? await git.resolveRef({ fs, dir, ref: tracking }).catch(() => undefined) : undefined;
  try {
    return await git.fetch({
      fs,
      http: access.http,
      dir,
      url: access.url,
      remote: 'origin',
      singleBranch: true,
      tags: false,
      ...(options.ref ? { ref: options.ref } : {}),
      ...(options.remoteRef ? { remoteRef: options.remoteRef } : {}),
      ...(options.depth ? { depth: options.depth } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(access.onAuth ? { onAuth: access.onAuth, onAuthFailure: access.onAuthFailure } : {}),
    });
  } catch (error) {
    if (tracking) {
      if (before) await git.writeRef({ fs, dir, ref: tracking, value: before, force: true }).catch(() => undefined);
      else await git.deleteRef({ fs, dir, ref: tracking }).catch(() => undefined);
    }
    throw error;
  }
}
