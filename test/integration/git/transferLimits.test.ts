import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cloneRepository, commitChanges, GitError, GIT_ERROR_CODES, pullBranch, pushBranch, repositoryStatus } from '../../../lib/git/index.js';
import { gitCli, startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { uniqueName } from '../support/testConfig.js';

const MiB = 1024 * 1024;
// Small limits, read once by the configuration on first use: every clone in this file runs under them.
const LIMITS = {
  SYNTOR_GIT_MAX_TRANSFER_BYTES: String(1 * MiB),
  SYNTOR_GIT_MAX_BLOB_BYTES: String(1 * MiB),
  SYNTOR_GIT_MAX_CHECKOUT_BYTES: String(3 * MiB),
  SYNTOR_GIT_IDLE_TIMEOUT_MS: '500',
  SYNTOR_GIT_TIMEOUT_MS: '3000',
  SYNTOR_HTTP_ALLOW_PRIVATE: 'true',
};
const previous = Object.fromEntries(Object.keys(LIMITS).map((name) => [name, process.env[name]]));

let server: GitHttpServer;
let workspace: string;

beforeAll(async () => {
  Object.assign(process.env, LIMITS);
  server = await startGitHttpServer();
  workspace = await mkdtemp(join(tmpdir(), 'syntor-git-limits-'));
});
afterAll(async () => {
  for (const [name, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await server?.close();
  await rm(workspace, { recursive: true, force: true });
});

/** A server that answers git's first request with headers, then one byte every `everyMs`, forever. */
async function startTricklingServer(everyMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const trickler: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-git-upload-pack-advertisement' });
    res.flushHeaders();
    const timer = setInterval(() => res.write('0'), everyMs);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => trickler.listen(0, '127.0.0.1', resolve));
  const { port } = trickler.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow.git`,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      trickler.closeAllConnections();
      await new Promise<void>((resolve) => trickler.close(() => resolve()));
    },
  };
}

/**
 * A served repository whose second commit adds `name`, `bytes` of zeros: made on disk as a sparse file,
 * so the test process never holds it. Zeros deflate about a thousandfold: 64 MiB is a ≈64 KiB pack.
 */
async function repositoryWithZeros(name: string, file: string, bytes: number): Promise<string> {
  const url = await server.createRepository(name, { 'README.md': '# bomb\n' });
  const work = await mkdtemp(join(tmpdir(), 'syntor-git-bomb-'));
  try {
    await gitCli(['clone', '-q', join(server.root, `${name}.git`), work]);
    await truncate(await fs.promises.open(join(work, file), 'w').then(async (handle) => (await handle.close(), join(work, file))), bytes);
    await gitCli(['add', file], work);
    await gitCli(['commit', '-q', '-m', `add ${file}`], work);
    await gitCli(['push', '-q', 'origin', 'HEAD:main'], work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return url;
}

/** Runs `act`, sampling the process's memory every few milliseconds; returns the peak growth. */
async function peakGrowth<T>(act: () => Promise<T>): Promise<{ result: T; rssBytes: number; heapBytes: number }> {
  const sample = () => {
    const usage = process.memoryUsage();
    return { rss: usage.rss, heap: usage.heapUsed + usage.arrayBuffers };
  };
  const start = sample();
  let peak = start;
  const timer = setInterval(() => {
    const now = sample();
    peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heap) };
  }, 5);
  try {
    const result = await act();
    const end = sample();
    return { result, rssBytes: Math.max(peak.rss, end.rss) - start.rss, heapBytes: Math.max(peak.heap, end.heap) - start.heap };
  } finally {
    clearInterval(timer);
  }
}

async function cloneError(url: string, path: string): Promise<{ error: GitError; elapsedMs: number }> {
  const started = performance.now();
  const error = await cloneRepository({ workspace, url, path }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GitError);
  return { error: error as GitError, elapsedMs: performance.now() - started };
}

describe('git transfer limits', () => {
  it('refuses a repository holding a file over the blob limit, leaving no half checkout', async () => {
    // Prepare: 2 MiB of one character packs into a few KiB, under the transfer limit
    const url = await server.createRepository(uniqueName('big-blob'), { 'README.md': '# small\n', 'huge.bin': '0'.repeat(2 * MiB) });
    const path = uniqueName('clone');

    // Act
    const { error } = await cloneError(url, path);

    // Assess: refused from the pack's object header, before its path is known
    expect(error).toMatchObject({ code: GIT_ERROR_CODES.blobTooLarge, retriable: false, details: { type: 'blob', bytes: 2 * MiB, limitBytes: MiB } });
    expect(error.message).toMatch(/SYNTOR_GIT_MAX_BLOB_BYTES/);
    expect(await readdir(workspace)).not.toContain(path);
  });

  it('refuses a 64 MiB blob of zeros while its pack streams: no pack written, memory not spent', async () => {
    // Prepare
    const url = await repositoryWithZeros(uniqueName('zip-bomb'), 'zeros.bin', 64 * MiB);
    const path = uniqueName('clone');
    const writeFile = vi.spyOn(fs.promises, 'writeFile');

    try {
      // Act
      const { result, rssBytes, heapBytes } = await peakGrowth(() => cloneError(url, path));
      console.log(`64 MiB zeros clone: peak RSS +${(rssBytes / MiB).toFixed(1)} MiB, heap and buffers +${(heapBytes / MiB).toFixed(1)} MiB`);

      // Assess
      expect(result.error).toMatchObject({ code: GIT_ERROR_CODES.blobTooLarge, details: { type: 'blob', bytes: 64 * MiB, limitBytes: MiB } });
      const packsWritten = writeFile.mock.calls.map(([file]) => String(file)).filter((file) => /objects[/\\]pack[/\\]pack-/.test(file));
      expect(packsWritten, 'pack files isomorphic-git wrote').toEqual([]);
      expect(await readdir(workspace)).not.toContain(path);
      // Before the scanner: RSS +271 MiB, heap and buffers +189 MiB.
      expect(heapBytes, 'peak growth of heap and buffers').toBeLessThan(32 * MiB);
    } finally {
      writeFile.mockRestore();
    }
  });

  it('stops a transfer over the byte limit', async () => {
    // Prepare: random bytes do not compress, so the pack is over 1 MiB though each file is under it
    const noise = () => randomBytes(0.7 * MiB).toString('base64');
    const url = await server.createRepository(uniqueName('big-pack'), { 'noise-1.txt': noise(), 'noise-2.txt': noise() });
    const path = uniqueName('clone');

    // Act
    const { error } = await cloneError(url, path);

    // Assess
    expect(error).toMatchObject({ code: GIT_ERROR_CODES.transferTooLarge, retriable: false, details: { limitBytes: MiB } });
    expect(await readdir(workspace)).not.toContain(path);
  });

  it('clones a repository within the limits as before', async () => {
    const url = await server.createRepository(uniqueName('fits'), { 'README.md': '# fits\n', 'data.bin': '1'.repeat(MiB / 2) });

    const clone = await cloneRepository({ workspace, url, path: uniqueName('clone') });

    expect(await readdir(clone.dir)).toEqual(expect.arrayContaining(['README.md', 'data.bin']));
  });

  it.each([
    { case: 'a byte every 2 s, past the 500 ms idle limit', everyMs: 2_000, reason: /sent nothing for 500 ms/, within: 1_500 },
    { case: 'a byte every 100 ms, never idle but past the 3 s total', everyMs: 100, reason: /took longer than 3000 ms/, within: 4_500 },
  ])('times out a trickling server: $case', async ({ everyMs, reason, within }) => {
    // Prepare
    const trickler = await startTricklingServer(everyMs);

    try {
      // Act
      const { error, elapsedMs } = await cloneError(trickler.url, uniqueName('clone'));

      // Assess
      expect(error).toMatchObject({ code: GIT_ERROR_CODES.timeout, retriable: true });
      expect(error.message).toMatch(reason);
      expect(elapsedMs).toBeLessThan(within);
    } finally {
      await trickler.close();
    }
  });

  it.each([
    {
      case: 'a file over the blob limit, refused as its pack streams',
      files: { 'huge.bin': '2'.repeat(2 * MiB) },
      code: GIT_ERROR_CODES.blobTooLarge,
      fetched: false,
    },
    {
      case: 'files each under the blob limit but over the checkout limit together, refused before the merge',
      files: Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`part-${i}.bin`, String(i).repeat(0.9 * MiB)])),
      code: GIT_ERROR_CODES.checkoutTooLarge,
      fetched: true,
    },
  ])('refuses a pull of $case, leaving HEAD and the working tree as they were', async ({ files, code, fetched }) => {
    // Prepare
    const name = uniqueName('pull-limits');
    const url = await server.createRepository(name, { 'README.md': '# before\n' });
    const clone = await cloneRepository({ workspace, url, path: uniqueName('clone') });
    const upstream = await server.commitUpstream(name, 'main', files);

    // Act
    const error = await pullBranch(workspace, { path: clone.path }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code, retriable: false });
    expect(await gitCli(['rev-parse', 'HEAD'], clone.dir)).toBe(clone.commit);
    expect((await readdir(clone.dir)).sort()).toEqual(['.git', 'README.md']);
    expect(await repositoryStatus(workspace, clone.path)).toMatchObject({ clean: true });
    // A refused pack leaves origin/main where it was, not naming a commit that never arrived.
    expect(await gitCli(['rev-parse', 'refs/remotes/origin/main'], clone.dir)).toBe(fetched ? upstream : clone.commit);
  });

  it('refuses updating an existing clone when the fetch brings a file over the blob limit', async () => {
    // Prepare
    const name = uniqueName('update-limits');
    const url = await server.createRepository(name, { 'README.md': '# before\n' });
    const clone = await cloneRepository({ workspace, url, path: uniqueName('clone') });
    await server.commitUpstream(name, 'main', { 'huge.bin': '3'.repeat(2 * MiB) });

    // Act: cloning into the same directory again fetches into it
    const error = await cloneRepository({ workspace, url, path: clone.path }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: GIT_ERROR_CODES.blobTooLarge, details: { bytes: 2 * MiB } });
    expect(await gitCli(['rev-parse', 'HEAD', 'refs/remotes/origin/main'], clone.dir)).toBe(`${clone.commit}\n${clone.commit}`);
    expect((await readdir(clone.dir)).sort()).toEqual(['.git', 'README.md']);
  });

  it('gives a push to a server gone quiet the timeout error', async () => {
    // Prepare: a clone with a commit to push, its origin pointed at a server that trickles a byte every 2 s
    const url = await server.createRepository(uniqueName('push-quiet'), { 'README.md': '# push\n' });
    const clone = await cloneRepository({ workspace, url, path: uniqueName('clone') });
    await writeFile(join(clone.dir, 'NEW.md'), 'new\n');
    await commitChanges(workspace, { path: clone.path, message: 'Add NEW.md' });
    const trickler = await startTricklingServer(2_000);
    await gitCli(['remote', 'set-url', 'origin', trickler.url], clone.dir);

    try {
      // Act
      const started = performance.now();
      const error = await pushBranch(workspace, { path: clone.path }).catch((e: unknown) => e);

      // Assess
      expect(error).toMatchObject({ code: GIT_ERROR_CODES.timeout, retriable: true });
      expect((error as GitError).message).toMatch(/sent nothing for 500 ms/);
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      await trickler.close();
    }
  });
});
