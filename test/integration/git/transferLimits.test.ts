import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneRepository, GitError, GIT_ERROR_CODES } from '../../../lib/git/index.js';
import { startGitHttpServer, type GitHttpServer } from '../support/gitHttpServer.js';
import { uniqueName } from '../support/testConfig.js';

const MiB = 1024 * 1024;
// Small limits, read once by the configuration on first use: every clone in this file runs under them.
const LIMITS = {
  SYNTOR_GIT_MAX_TRANSFER_BYTES: String(1 * MiB),
  SYNTOR_GIT_MAX_BLOB_BYTES: String(1 * MiB),
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

    // Assess
    expect(error).toMatchObject({ code: GIT_ERROR_CODES.blobTooLarge, retriable: false, details: { path: 'huge.bin', bytes: 2 * MiB, limitBytes: MiB } });
    expect(error.message).toMatch(/SYNTOR_GIT_MAX_BLOB_BYTES/);
    expect(await readdir(workspace)).not.toContain(path);
  });

  it('stops a transfer over the byte limit', async () => {
    // Prepare: random bytes do not compress, so the pack itself is over 1 MiB
    const url = await server.createRepository(uniqueName('big-pack'), { 'noise.txt': randomBytes(1.5 * MiB).toString('base64') });
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
});
