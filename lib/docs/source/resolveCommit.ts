import fs from 'node:fs';
import { DocsSourceError } from '../errors.js';
import { loadGit } from '../../git/loadGit.js';

/**
 * The full commit id of `ref` (a commit id, possibly abbreviated, a branch or a tag) in the
 * repository at `dir`; HEAD when omitted.
 *
 * @throws DocsSourceError naming the field: `path` when `dir` is no git repository, `commit` when the ref names no commit.
 */
export async function resolveCommit(dir: string, ref = 'HEAD'): Promise<string> {
  const git = await loadGit();
  try {
    await git.resolveRef({ fs, dir, ref: 'HEAD' });
  } catch (error) {
    throw new DocsSourceError('path', `${dir} is not a git repository (or has no commit)`, { cause: error });
  }
  const readings: (() => Promise<string>)[] = [() => git.resolveRef({ fs, dir, ref })];
  if (/^[0-9a-f]{4,40}$/.test(ref)) readings.unshift(() => git.expandOid({ fs, dir, oid: ref }));
  for (const reading of readings) {
    const oid = await reading().catch(() => undefined);
    const commit = oid && (await peelToCommit(dir, oid).catch(() => undefined));
    if (commit) return commit;
  }
  throw new DocsSourceError('commit', `"${ref}" names no commit in the repository`);
}

/** An annotated tag points at a tag object; documentation is of the commit it names. */
async function peelToCommit(dir: string, oid: string, hops = 0): Promise<string | undefined> {
  const git = await loadGit();
  const { type, object } = await git.readObject({ fs, dir, oid });
  if (type === 'commit') return oid;
  if (type === 'tag' && hops < 10) return peelToCommit(dir, (object as { object: string }).object, hops + 1);
  return undefined;
}
