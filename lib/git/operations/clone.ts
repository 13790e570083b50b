import fs from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { getConfig } from '../../config/index.js';
import { GitDirtyWorktreeError, GitPathError } from '../errors.js';
import { transportFailure } from '../remote/guardedHttp.js';
import { resolveInWorkspace } from '../workspace/resolveInWorkspace.js';
import { withRepoLock } from '../workspace/withRepoLock.js';
import { trackedChanges } from './changedPaths.js';
import { checkCheckoutSize } from './checkoutLimits.js';
import { fetchBranch } from './fetchBranch.js';
import { headOf } from './headOf.js';
import { isRepository } from './openRepository.js';
import { remoteAccess, type RemoteAccess } from './remoteAccess.js';
import { toGitError } from './toGitError.js';
import { loadGit } from '../loadGit.js';

export interface CloneProgressEvent {
  phase: string;
  loaded: number;
  total?: number;
}

export interface CloneOptions {
  /** Absolute directory every path is confined to. */
  workspace: string;
  /** http(s) repository URL, checked by the SSRF guard; never with credentials in it. */
  url: string;
  /** Workspace-relative directory; default: the URL's last segment without `.git`. */
  path?: string;
  /** Branch or tag to check out; default: the remote's default branch. */
  ref?: string;
  /** Shallow clone of this many commits. */
  depth?: number;
  /** Overrides SYNTOR_GIT_TOKEN / SYNTOR_GIT_TOKEN_SECRET_ARN for this call. */
  token?: string;
  onProgress?: (event: CloneProgressEvent) => void;
  signal?: AbortSignal;
}

export interface CloneResult {
  /** Workspace-relative directory. */
  path: string;
  /** Absolute directory. */
  dir: string;
  commit: string;
  branch?: string;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/** `docs-site` for `https://host/acme/docs-site.git`, or a path error asking for `path`. */
export function defaultClonePath(url: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
  const name = last.replace(/\.git$/, '');
  if (!SAFE_NAME.test(name)) throw new GitPathError(name || '(none)', `no directory name can be derived from the URL; give "path"`);
  return name;
}

function sameRemote(a: string | undefined, b: string): boolean {
  const normal = (u: string) => {
    try {
      return new URL(u).toString().replace(/\/+$/, '').replace(/\.git$/, '');
    } catch {
      return u;
    }
  };
  return a !== undefined && normal(a) === normal(b);
}

/**
 * Clones a repository into the workspace, or, when the directory already holds a clone of the same
 * URL, fetches and checks out `ref` (fast-forwarding the local branch) instead of failing.
 *
 * @example
 * const { path, commit } = await cloneRepository({ workspace: '/tmp/syntor-git', url: 'https://github.com/acme/docs-site.git', depth: 1 });
 */
export async function cloneRepository(options: CloneOptions): Promise<CloneResult> {
  const { path, dir, commit, branch } = await cloneOrUpdate(options);
  return { path, dir, commit, ...(branch ? { branch } : {}) };
}

/** {@link cloneRepository}, also saying whether an existing clone was updated rather than made. */
export async function cloneOrUpdate(options: CloneOptions): Promise<CloneResult & { updated: boolean }> {
  const git = await loadGit();
  const access = await remoteAccess(options.url, options.token, options.signal);
  const target = await resolveInWorkspace(options.workspace, options.path ?? defaultClonePath(access.url));
  return withRepoLock(target.dir, async () => {
    const failure = { operation: 'clone', host: access.host, secrets: access.secrets, username: access.username };
    const onProgress = options.onProgress && ((event: CloneProgressEvent) => options.onProgress?.({ phase: event.phase, loaded: event.loaded, ...(event.total ? { total: event.total } : {}) }));
    const existing = await readdir(target.dir).catch(() => undefined);
    try {
      if (existing && existing.length > 0) {
        await updateExisting(target.path, target.dir, access, options, onProgress);
        const head = await headOf(target.dir);
        return { path: target.path, dir: target.dir, commit: head.commit ?? '', ...(head.branch ? { branch: head.branch } : {}), updated: true };
      }
      await git.clone({
        fs,
        http: access.http,
        dir: target.dir,
        url: access.url,
        ...(options.ref ? { ref: options.ref } : {}),
        ...(options.depth ? { depth: options.depth, singleBranch: true } : {}),
        ...(onProgress ? { onProgress } : {}),
        ...(access.onAuth ? { onAuth: access.onAuth, onAuthFailure: access.onAuthFailure } : {}),
        // Checked out only once its files are known to fit the limits.
        noCheckout: true,
      });
      const branch = await git.currentBranch({ fs, dir: target.dir, test: true });
      const ref = branch ?? options.ref ?? 'HEAD';
      await checkCheckoutSize(target.dir, ref);
      await git.checkout({ fs, dir: target.dir, ref, ...(onProgress ? { onProgress } : {}) });
    } catch (error) {
      // A half-made clone would be mistaken for a repository by the next attempt.
      if (!existing || existing.length === 0) await rm(target.dir, { recursive: true, force: true });
      throw transportFailure(access.http) ?? toGitError(error, failure);
    }
    const head = await headOf(target.dir);
    return { path: target.path, dir: target.dir, commit: head.commit ?? '', ...(head.branch ? { branch: head.branch } : {}), updated: false };
  });
}

async function updateExisting(path: string, dir: string, access: RemoteAccess, options: CloneOptions, onProgress: ((event: CloneProgressEvent) => void) | undefined): Promise<void> {
  const git = await loadGit();
  const origin = (await isRepository(dir)) ? await git.getConfig({ fs, dir, path: 'remote.origin.url' }).catch(() => undefined) : undefined;
  if (!sameRemote(origin as string | undefined, access.url)) {
    throw new GitPathError(path, 'the directory already exists and is not a clone of this URL; choose another "path"');
  }
  const dirty = await trackedChanges(dir);
  if (dirty.length > 0) throw new GitDirtyWorktreeError('updating an existing clone', dirty);
  const branch = options.ref ?? (await git.currentBranch({ fs, dir, test: true })) ?? undefined;
  await fetchBranch(dir, access, { ...(branch ? { ref: branch } : {}), ...(options.depth ? { depth: options.depth } : {}), ...(onProgress ? { onProgress } : {}) });
  if (!branch) return;
  await checkCheckoutSize(dir, `refs/remotes/origin/${branch}`);
  const remoteBranch = await git.resolveRef({ fs, dir, ref: `refs/remotes/origin/${branch}` }).catch(() => undefined);
  const localBranch = await git.resolveRef({ fs, dir, ref: `refs/heads/${branch}` }).catch(() => undefined);
  if (remoteBranch && localBranch) {
    const author = getConfig().git.author;
    await git.merge({ fs, dir, ours: branch, theirs: `refs/remotes/origin/${branch}`, fastForwardOnly: true, author });
  }
  await git.checkout({ fs, dir, ref: branch, force: false });
}
