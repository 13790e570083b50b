import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitPathError, resolveInWorkspace } from '../../../lib/git/index.js';

let root: string;
let workspace: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'syntor-confine-'));
  workspace = join(root, 'workspace');
  outside = join(root, 'outside');
  await mkdir(join(workspace, 'inner'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await symlink(outside, join(workspace, 'escape'));
  await symlink(join(workspace, 'inner'), join(workspace, 'alias'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveInWorkspace', () => {
  it('resolves a relative path inside the workspace, normalized', async () => {
    expect(await resolveInWorkspace(workspace, 'inner//repo/./x')).toEqual({ path: 'inner/repo/x', dir: join(workspace, 'inner/repo/x') });
  });

  it('follows a symlink that stays inside the workspace', async () => {
    expect((await resolveInWorkspace(workspace, 'alias/repo')).dir).toBe(join(workspace, 'inner/repo'));
  });

  it.each([
    ['../outside', 'must not contain ".."'],
    ['inner/../../outside', 'must not contain ".."'],
    ['/etc/passwd', 'not absolute'],
    ['C:\\Windows', 'not absolute'],
    ['a\0b', 'NUL'],
    ['.', 'must name something inside the workspace'],
    ['repo/.git/hooks', '.git'],
    ['repo/.GIT/hooks', '.git'],
    ['repo/.Git', '.git'],
    ['repo/.git./config', '.git'],
    ['repo/.git /config', '.git'],
  ])('refuses %j (%s), naming the path', async (path, reason) => {
    const error = await resolveInWorkspace(workspace, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitPathError);
    expect((error as GitPathError).message).toContain(reason);
    expect((error as GitPathError).message).toContain(`path "${path.replace('\0', '\\0')}"`);
    expect(error).toMatchObject({ code: 'invalid-path', retriable: false });
  });

  it.each(['escape', 'escape/repo', 'escape/deeper/still'])('refuses %j, which leads out through a symlink', async (path) => {
    await expect(resolveInWorkspace(workspace, path)).rejects.toThrow(/leads out of the workspace through a symbolic link/);
  });

  it('names the field it checked', async () => {
    await expect(resolveInWorkspace(workspace, '../x', 'paths.2')).rejects.toThrow('paths.2 must not contain ".."');
  });
});
