import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDataDir, removeLegacyDataDirs } from '../../../local/services/kafkaDataDir.js';
import { kafkaStatePaths, type KafkaStatePaths } from '../../../local/services/paths.js';

let root: string;
let paths: KafkaStatePaths;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'syntor-datadir-'));
  paths = kafkaStatePaths(root);
  await mkdir(paths.dir, { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('readDataDir', () => {
  it('reports a data dir that is not there as not existing, without failing', async () => {
    expect(await readDataDir(paths.dataDir)).toEqual({ exists: false, entries: [] });
  });

  it('lists a formatted data dir with the text of its meta.properties', async () => {
    // Prepare
    await mkdir(join(paths.dataDir, 'orders-0'), { recursive: true });
    await writeFile(join(paths.dataDir, 'meta.properties'), 'cluster.id=abc\n');

    // Act
    const listing = await readDataDir(paths.dataDir);

    // Assess
    expect(listing.exists).toBe(true);
    expect([...listing.entries].sort()).toEqual(['meta.properties', 'orders-0']);
    expect(listing.metaProperties).toBe('cluster.id=abc\n');
  });
});

describe('removeLegacyDataDirs', () => {
  it('removes the old layout’s data-<timestamp> folders and nothing else', async () => {
    // Prepare
    await mkdir(join(paths.dir, 'data-1796606583124', 'orders-0'), { recursive: true });
    await mkdir(join(paths.dir, 'data-1796606599999'));
    await mkdir(paths.dataDir);
    await writeFile(paths.brokerLog, '');

    // Act
    const removed = await removeLegacyDataDirs(paths);

    // Assess
    expect(removed.sort()).toEqual([join(paths.dir, 'data-1796606583124'), join(paths.dir, 'data-1796606599999')]);
    expect((await readdir(paths.dir)).sort()).toEqual(['broker.log', 'data']);
  });
});
