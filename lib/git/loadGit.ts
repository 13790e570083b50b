import type git from 'isomorphic-git';

export type IsomorphicGit = typeof git;

let loading: Promise<IsomorphicGit> | undefined;

/**
 * isomorphic-git, imported on first use: with pako it is ≈220 KB of the git and docs agents' code
 * that only git operations run, so it is shipped beside their Lambda bundles instead of in them
 * (`SHIPPED_PACKAGES` in lib/bundling/constants.ts) and a heartbeat or a search never loads it.
 *
 * @example
 * const git = await loadGit();
 * const commit = await git.resolveRef({ fs, dir, ref: 'HEAD' });
 */
export function loadGit(): Promise<IsomorphicGit> {
  loading ??= import('isomorphic-git').then((module) => (module as { default?: IsomorphicGit }).default ?? (module as unknown as IsomorphicGit));
  return loading;
}
