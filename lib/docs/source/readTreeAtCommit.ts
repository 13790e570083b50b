import fs from 'node:fs';
import { SOURCE_LIMITS } from '../constants.js';
import type { SourceFile } from '../types.js';
import { isSkippedDirectory, languageOf } from './languageOf.js';
import { loadGit } from '../../git/loadGit.js';

export interface SourceLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

export interface SourceTree {
  files: SourceFile[];
  /** Why something was left out, one line each. */
  notes: string[];
}

/**
 * The documentable source files of the repository at `dir` as they are in `commit` — read from git's
 * object database, not the working tree, so uncommitted changes and the checked-out branch do not
 * matter (and no `git` binary is needed, which Lambda does not have). Dependency, build, test and
 * hidden directories are skipped; files and the whole read are size-capped, each cut noted.
 */
export async function readTreeAtCommit(dir: string, commit: string, limits: SourceLimits = SOURCE_LIMITS, signal?: AbortSignal): Promise<SourceTree> {
  const git = await loadGit();
  const files: SourceFile[] = [];
  const notes: string[] = [];
  const cache = {};
  let total = 0;
  let stopped = false;
  const decoder = new TextDecoder('utf-8', { fatal: true });

  async function visit(treeOid: string, prefix: string): Promise<void> {
    const { tree } = await git.readTree({ fs, dir, oid: treeOid, cache });
    for (const entry of [...tree].sort((a, b) => a.path.localeCompare(b.path))) {
      if (stopped) return;
      signal?.throwIfAborted();
      const path = prefix === '' ? entry.path : `${prefix}/${entry.path}`;
      if (entry.type === 'tree') {
        if (!isSkippedDirectory(entry.path)) await visit(entry.oid, path);
        continue;
      }
      // Submodules (type "commit") and symlinks (mode 120000) have no source of their own here.
      if (entry.type !== 'blob' || entry.mode === '120000' || !languageOf(path)) continue;
      if (files.length >= limits.maxFiles) {
        notes.push(`stopped after ${limits.maxFiles} files (the per-repository file limit); the rest is not documented`);
        stopped = true;
        return;
      }
      const { blob } = await git.readBlob({ fs, dir, oid: entry.oid, cache });
      if (blob.byteLength > limits.maxFileBytes) {
        notes.push(`${path}: skipped, ${blob.byteLength} bytes is over the ${limits.maxFileBytes}-byte file limit`);
        continue;
      }
      if (total + blob.byteLength > limits.maxTotalBytes) {
        notes.push(`stopped at ${path}: the repository's source is over the ${limits.maxTotalBytes}-byte limit; the rest is not documented`);
        stopped = true;
        return;
      }
      let text: string;
      try {
        text = decoder.decode(blob);
      } catch {
        notes.push(`${path}: skipped, not UTF-8 text`);
        continue;
      }
      // PostgreSQL text cannot hold NUL, and a source file with one is binary in disguise.
      if (text.includes('\0')) {
        notes.push(`${path}: skipped, contains NUL bytes`);
        continue;
      }
      total += blob.byteLength;
      files.push({ path, text });
    }
  }

  const { commit: parsed } = await git.readCommit({ fs, dir, oid: commit, cache });
  await visit(parsed.tree, '');
  return { files, notes };
}
