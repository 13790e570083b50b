import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KafkaStatePaths } from './paths.js';
import type { DataDirListing } from './storageDecision.js';

/** What is in the broker's data dir, for {@link decideStorage}; a missing dir is an empty listing. */
export async function readDataDir(dataDir: string): Promise<DataDirListing> {
  let entries: string[];
  try {
    entries = await readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, entries: [] };
    throw error;
  }
  if (!entries.includes('meta.properties')) return { exists: true, entries };
  return { exists: true, entries, metaProperties: await readFile(join(dataDir, 'meta.properties'), 'utf8') };
}

/** The `data-<timestamp>` folders of the old format-on-every-start layout. */
export async function legacyDataDirs(paths: KafkaStatePaths): Promise<string[]> {
  const entries = await readdir(paths.dir).catch(() => [] as string[]);
  return entries.filter((name) => name.startsWith(paths.legacyDataDirPrefix)).map((name) => join(paths.dir, name));
}

/** Removes the old layout's folders; returns what it removed. Only call while no broker of ours runs. */
export async function removeLegacyDataDirs(paths: KafkaStatePaths): Promise<string[]> {
  const dirs = await legacyDataDirs(paths);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  return dirs;
}
