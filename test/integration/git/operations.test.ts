import { readFile, rm, unlink, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloneOrUpdate,
  cloneRepository,
  commitChanges,
  GitAuthError,
  GitMergeConflictError,
  listRepositories,
  mergeBranch,
  pullBranch,
  pushBranch,
  repositoryStatus,
  switchBranch,
} from '../../../lib/git/index.js';
import { gitCli, startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { uniqueName } from '../support/testConfig.js';

const TOKEN = `tok-${uniqueName('secret')}`;
const author = { name: 'Ada Tester', email: 'ada@example.com' };

let server: GitHttpServer;
let workspace: string;
const previousAllowPrivate = process.env.SYNTOR_HTTP_ALLOW_PRIVATE;

beforeAll(async () => {
  // The test server is on 127.0.0.1, which the SSRF guard refuses unless told otherwise.
  process.env.SYNTOR_HTTP_ALLOW_PRIVATE = 'true';
  server = await startGitHttpServer({ token: TOKEN });
  workspace = await mkdtemp(join(tmpdir(), 'syntor-git-ws-'));
});
afterAll(async () => {
  if (previousAllowPrivate === undefined) delete process.env.SYNTOR_HTTP_ALLOW_PRIVATE;
  else process.env.SYNTOR_HTTP_ALLOW_PRIVATE = previousAllowPrivate;
  await server?.close();
  await rm(workspace, { recursive: true, force: true });
});

/** A fresh served repository and a clone of it in the workspace. */
async function clonedRepository(files: Record<string, string> = { 'README.md': '# demo\n', 'conflict.txt': 'line one\n' }) {
  const name = uniqueName('repo');
  const url = await server.createRepository(name, files);
  const clone = await cloneRepository({ workspace, url, token: TOKEN });
  return { name, url, ...clone };
}

describe('clone and status', () => {
  it('clones with the token, reports progress, and is clean on main at the served commit', async () => {
    const name = uniqueName('repo');
    const url = await server.createRepository(name, { 'README.md': '# hello\n', 'src/index.ts': 'export {};\n' });
    const phases = new Set<string>();

    const clone = await cloneRepository({ workspace, url, token: TOKEN, onProgress: (e) => phases.add(e.phase) });

    expect(clone).toMatchObject({ path: name, dir: join(workspace, name), branch: 'main', commit: (await server.log(name))[0] });
    expect(phases.size).toBeGreaterThan(0);
    expect(await readFile(join(clone.dir, 'src/index.ts'), 'utf8')).toBe('export {};\n');
    expect(await repositoryStatus(workspace, name)).toEqual({ path: name, branch: 'main', commit: clone.commit, clean: true, files: { modified: [], added: [], deleted: [], untracked: [] }, truncated: false });
  });

  it('updates an existing clone of the same URL instead of failing', async () => {
    const repo = await clonedRepository();
    const upstream = await server.commitUpstream(repo.name, 'main', { 'NEW.md': 'new\n' });

    const again = await cloneOrUpdate({ workspace, url: repo.url, token: TOKEN });

    expect(again).toMatchObject({ path: repo.name, commit: upstream, branch: 'main', updated: true });
    expect(await readFile(join(repo.dir, 'NEW.md'), 'utf8')).toBe('new\n');
  });

  it('refuses to clone over a directory holding something else', async () => {
    const repo = await clonedRepository();
    const other = await server.createRepository(uniqueName('other'), { 'a.txt': 'a\n' });
    await expect(cloneRepository({ workspace, url: other, path: repo.path, token: TOKEN })).rejects.toMatchObject({ code: 'invalid-path' });
  });

  it('summarizes modified, added, deleted and untracked files', async () => {
    const repo = await clonedRepository({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    await writeFile(join(repo.dir, 'a.txt'), 'changed\n');
    await unlink(join(repo.dir, 'b.txt'));
    await writeFile(join(repo.dir, 'staged.txt'), 'staged\n');
    await gitCli(['add', 'staged.txt'], repo.dir);
    await writeFile(join(repo.dir, 'loose.txt'), 'loose\n');

    const status = await repositoryStatus(workspace, repo.path);

    expect(status).toMatchObject({ clean: false, files: { modified: ['a.txt'], added: ['staged.txt'], deleted: ['b.txt'], untracked: ['loose.txt'] } });
  });

  it('lists the repositories in the workspace with branch, commit and origin', async () => {
    const repo = await clonedRepository();
    const { repositories } = await listRepositories(workspace);
    expect(repositories).toContainEqual({ path: repo.path, branch: 'main', commit: repo.commit, remote: repo.url });
  });
});

describe('branch, commit, push, pull', () => {
  it('commits on a new branch and pushes it: the served repository then has the commit', async () => {
    const repo = await clonedRepository();
    expect(await switchBranch(workspace, { path: repo.path, name: 'feature/docs' })).toMatchObject({ branch: 'feature/docs', created: true, commit: repo.commit });
    await writeFile(join(repo.dir, 'GUIDE.md'), '# guide\n');

    const commit = await commitChanges(workspace, { path: repo.path, message: 'Add the guide', author });
    const pushed = await pushBranch(workspace, { path: repo.path, token: TOKEN });

    expect(commit).toMatchObject({ branch: 'feature/docs', files: 1, author });
    expect(pushed).toMatchObject({ branch: 'feature/docs', remoteBranch: 'feature/docs', ok: true, commit: commit.commit });
    expect((await server.log(repo.name, 'feature/docs'))[0]).toBe(commit.commit);
    expect(await gitCli(['--git-dir', join(server.root, `${repo.name}.git`), 'log', '-1', '--format=%an <%ae> %s', 'feature/docs'])).toBe('Ada Tester <ada@example.com> Add the guide');
  });

  it('commits only the given paths, deletions included, and refuses an empty commit', async () => {
    const repo = await clonedRepository({ 'keep.txt': 'k\n', 'gone.txt': 'g\n' });
    await unlink(join(repo.dir, 'gone.txt'));
    await writeFile(join(repo.dir, 'later.txt'), 'later\n');

    const commit = await commitChanges(workspace, { path: repo.path, message: 'Remove gone.txt', paths: ['gone.txt'] });

    expect(commit).toMatchObject({ files: 1, author: { name: 'SYNTOR', email: 'syntor@localhost' } });
    expect(await repositoryStatus(workspace, repo.path)).toMatchObject({ files: { deleted: [], untracked: ['later.txt'] } });
    await expect(commitChanges(workspace, { path: repo.path, message: 'again', paths: ['keep.txt'] })).rejects.toMatchObject({ code: 'nothing-to-commit' });
    await expect(commitChanges(workspace, { path: repo.path, message: 'x', paths: ['../outside'] })).rejects.toMatchObject({ code: 'invalid-path' });
  });

  it('pulls (fast-forward) what someone else pushed', async () => {
    const repo = await clonedRepository();
    const upstream = await server.commitUpstream(repo.name, 'main', { 'README.md': '# changed upstream\n' });

    const pulled = await pullBranch(workspace, { path: repo.path, token: TOKEN });

    expect(pulled).toMatchObject({ branch: 'main', commit: upstream, previousCommit: repo.commit, updated: true });
    expect(await readFile(join(repo.dir, 'README.md'), 'utf8')).toBe('# changed upstream\n');
    expect(await pullBranch(workspace, { path: repo.path, token: TOKEN })).toMatchObject({ updated: false });
  });
});

describe('merge', () => {
  async function onBranch(repo: { path: string; dir: string }, branch: string, file: string, content: string) {
    await switchBranch(workspace, { path: repo.path, name: branch });
    await writeFile(join(repo.dir, file), content);
    return commitChanges(workspace, { path: repo.path, message: `${branch}: ${file}` });
  }

  it('fast-forwards when main has not moved', async () => {
    const repo = await clonedRepository();
    const feature = await onBranch(repo, 'feature', 'feature.txt', 'feature\n');
    await switchBranch(workspace, { path: repo.path, name: 'main' });

    const merged = await mergeBranch(workspace, { path: repo.path, theirs: 'feature' });

    expect(merged).toMatchObject({ branch: 'main', commit: feature.commit, fastForward: true, mergeCommit: false });
    expect(await readFile(join(repo.dir, 'feature.txt'), 'utf8')).toBe('feature\n');
    expect((await repositoryStatus(workspace, repo.path)).clean).toBe(true);
  });

  it('makes a merge commit when both branches moved', async () => {
    const repo = await clonedRepository();
    await onBranch(repo, 'feature', 'feature.txt', 'feature\n');
    await onBranch(repo, 'main', 'main.txt', 'main\n');

    const merged = await mergeBranch(workspace, { path: repo.path, theirs: 'feature', author });

    expect(merged).toMatchObject({ branch: 'main', fastForward: false, mergeCommit: true });
    expect((await gitCli(['rev-list', '--parents', '-n', '1', 'HEAD'], repo.dir)).split(' ')).toHaveLength(3);
    expect(await readFile(join(repo.dir, 'feature.txt'), 'utf8')).toBe('feature\n');
    expect(await readFile(join(repo.dir, 'main.txt'), 'utf8')).toBe('main\n');
    expect((await repositoryStatus(workspace, repo.path)).clean).toBe(true);
  });

  it('fails a conflicting merge with merge-conflict and the paths, and leaves the repository as it was', async () => {
    const repo = await clonedRepository();
    await onBranch(repo, 'feature', 'conflict.txt', 'theirs\n');
    const main = await onBranch(repo, 'main', 'conflict.txt', 'ours\n');

    const failure = await mergeBranch(workspace, { path: repo.path, theirs: 'feature' }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(GitMergeConflictError);
    expect(failure).toMatchObject({ code: 'merge-conflict', retriable: false, paths: ['conflict.txt'] });
    const status = await repositoryStatus(workspace, repo.path);
    expect(status).toMatchObject({ clean: true, commit: main.commit, branch: 'main' });
    expect(await readFile(join(repo.dir, 'conflict.txt'), 'utf8')).toBe('ours\n');
    expect(await gitCli(['status', '--porcelain'], repo.dir)).toBe('');
  });
});

describe('credentials', () => {
  it('fails without the token, and with a wrong one, with an auth error that names neither', async () => {
    const url = await server.createRepository(uniqueName('private'), { 'a.txt': 'a\n' });
    const wrong = `wrong-${TOKEN}`;

    const anonymous = await cloneRepository({ workspace, url, path: uniqueName('anon') }).catch((e: unknown) => e);
    const refused = await cloneRepository({ workspace, url, path: uniqueName('wrong'), token: wrong }).catch((e: unknown) => e);

    expect(anonymous).toBeInstanceOf(GitAuthError);
    expect(refused).toBeInstanceOf(GitAuthError);
    expect(JSON.stringify({ anonymous, refused, message: (refused as Error).message })).not.toContain(wrong);
    // The token travelled only as HTTP Basic credentials, never in a URL.
    expect(server.authorizations.some((h) => Buffer.from(h.slice(6), 'base64').toString().endsWith(`:${wrong}`))).toBe(true);
  });
});
