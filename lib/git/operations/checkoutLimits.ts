import fs from 'node:fs';
import { getConfig } from '../../config/index.js';
import type { GitLimits } from '../../config/types.js';
import { GitCheckoutTooLargeError } from '../errors.js';
import { loadGit } from '../loadGit.js';

export type CheckoutLimits = Pick<GitLimits, 'blobBytes' | 'checkoutBytes'>;

/**
 * Refuses, before a file is written, a checkout of `ref` holding a file over `blobBytes` or files over
 * `checkoutBytes` in all. Sizes come from reading each blob once, one at a time: isomorphic-git's tree
 * entries carry no size and `readObject` has no header-only read, and one blob in memory at a time is
 * far less than the checkout's own copies and the disk it would fill.
 */
export async function checkCheckoutSize(dir: string, ref: string, limits: CheckoutLimits = getConfig().git.limits): Promise<void> {
  const git = await loadGit();
  let total = 0;
  await git.walk({
    fs,
    dir,
    trees: [git.TREE({ ref })],
    map: async (path, [entry]) => {
      if (!entry || (await entry.type()) !== 'blob') return true;
      const bytes = (await entry.content())?.byteLength ?? 0;
      if (bytes > limits.blobBytes) throw new GitCheckoutTooLargeError({ path, bytes, limitBytes: limits.blobBytes });
      total += bytes;
      if (total > limits.checkoutBytes) throw new GitCheckoutTooLargeError({ bytes: total, limitBytes: limits.checkoutBytes });
      return true;
    },
  });
}
