import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_ERROR_CODES, GitError } from '../../../lib/git/errors.js';
import { createPackScanner, type PackLimits } from '../../../lib/git/remote/packScanner.js';
import { createUploadPackScanner } from '../../../lib/git/remote/uploadPackScanner.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const ROOMY: PackLimits = { blobBytes: MiB, unpackedBytes: 16 * MiB };

/** A pack as `git pack-objects` writes it, of a repository with similar files (so it holds deltas). */
function gitPack(options: { offsetDeltas: boolean }): Buffer {
  const git = (args: string[], input?: string) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: repo, input, maxBuffer: 64 * MiB });
  const base = Array.from({ length: 4000 }, (_, i) => `line ${i} of a file that changes a little in every commit\n`).join('');
  for (let commit = 0; commit < 4; commit++) {
    writeFileSync(join(repo, 'file.txt'), `${base}edit ${commit}\n`);
    writeFileSync(join(repo, `small-${commit}.txt`), `small ${commit}\n`);
    git(['add', '.']);
    git(['commit', '-q', '-m', `commit ${commit}`]);
  }
  const objects = git(['rev-list', '--objects', 'HEAD']).toString();
  return git(['pack-objects', '--stdout', '-q', ...(options.offsetDeltas ? ['--delta-base-offset'] : [])], objects);
}

interface Entry {
  type: number;
  /** The size the header declares; default: the data's length. */
  size?: number;
  data: Uint8Array;
  baseId?: Uint8Array;
}

/** A pack built byte by byte, for what `git pack-objects` never writes. */
function handmadePack(entries: readonly Entry[]): Buffer {
  const header = Buffer.alloc(12);
  header.write('PACK');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(entries.length, 8);
  const parts: Buffer[] = [header];
  for (const entry of entries) {
    let size = entry.size ?? entry.data.byteLength;
    const bytes = [(entry.type << 4) | (size & 0x0f)];
    size = Math.floor(size / 16);
    while (size > 0) {
      bytes[bytes.length - 1]! |= 0x80;
      bytes.push(size & 0x7f);
      size = Math.floor(size / 128);
    }
    parts.push(Buffer.from(bytes));
    if (entry.baseId) parts.push(Buffer.from(entry.baseId));
    parts.push(deflateSync(entry.data));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  do {
    bytes.push((value & 0x7f) | (value >= 128 ? 0x80 : 0));
    value = Math.floor(value / 128);
  } while (value > 0);
  return bytes;
}

/** An upload-pack response: NAK, then the pack on side-band channel 1 with progress on channel 2. */
function uploadPackResponse(pack: Buffer): Buffer {
  const line = (payload: Buffer) => Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0')), payload]);
  const lines = [line(Buffer.from('NAK\n')), line(Buffer.from('\x02Enumerating objects: PACK\n'))];
  for (let at = 0; at < pack.length; at += 65515) lines.push(line(Buffer.concat([Buffer.from([1]), pack.subarray(at, at + 65515)])));
  lines.push(line(Buffer.from('\x02Total 9 (delta 3)\n')), Buffer.from('0000'));
  return Buffer.concat(lines);
}

/** The code the scanner refused `bytes` with, fed in the given chunks, or "accepted". */
function verdict(bytes: Buffer, limits: PackLimits, cuts: readonly number[] = [], scannerOf = createUploadPackScanner): string {
  const scan = scannerOf('git.example.com', limits);
  const bounds = [...new Set([0, ...cuts.map((cut) => cut % (bytes.length + 1)), bytes.length])].sort((a, b) => a - b);
  try {
    for (let i = 1; i < bounds.length; i++) scan(bytes.subarray(bounds[i - 1], bounds[i]));
    return 'accepted';
  } catch (error) {
    if (error instanceof GitError) return error.code;
    throw error;
  }
}

let repo: string;
let offsetPack: Buffer;
let refPack: Buffer;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'syntor-pack-'));
  execFileSync('git', ['init', '-q', repo]);
  offsetPack = gitPack({ offsetDeltas: true });
  refPack = gitPack({ offsetDeltas: false });
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('pack scanner', () => {
  it.each([
    { case: 'offset deltas', pack: () => offsetPack },
    { case: 'ref deltas', pack: () => refPack },
  ])('accepts a pack from git pack-objects with $case', ({ pack }) => {
    expect(verdict(uploadPackResponse(pack()), ROOMY)).toBe('accepted');
  });

  it('refuses a pack from git pack-objects when its file is over the blob limit', () => {
    // Prepare: file.txt is ≈240 KiB
    const limits = { blobBytes: 100 * KiB, unpackedBytes: 16 * MiB };

    // Act
    const refused = verdict(uploadPackResponse(offsetPack), limits);

    // Assess
    expect(refused).toBe(GIT_ERROR_CODES.blobTooLarge);
  });

  it('refuses a 64 MiB blob from its header alone, before any of its data arrives', () => {
    // Prepare: the pack header and one entry header declaring 64 MiB, and nothing after
    const pack = handmadePack([{ type: 3, size: 64 * MiB, data: new Uint8Array(0) }]).subarray(0, 12 + 5);
    const scan = createPackScanner('git.example.com', ROOMY);

    // Act
    const error = (() => {
      try {
        scan(pack);
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toMatchObject({ code: GIT_ERROR_CODES.blobTooLarge, details: { type: 'blob', bytes: 64 * MiB, limitBytes: MiB } });
  });

  it('refuses a delta whose result is over the blob limit, though its own data is tiny', () => {
    const delta = new Uint8Array([...varint(10), ...varint(64 * MiB), 0x90, 0x00]);
    const pack = handmadePack([{ type: 7, data: delta, baseId: new Uint8Array(20) }]);

    expect(verdict(pack, ROOMY, [], createPackScanner)).toBe(GIT_ERROR_CODES.blobTooLarge);
  });

  it('refuses objects each under the blob limit but over the unpacked limit together', () => {
    const blob = { type: 3, data: new Uint8Array(600 * KiB) };
    const pack = handmadePack([blob, blob, blob]);

    expect(verdict(pack, { blobBytes: MiB, unpackedBytes: 1.5 * MiB }, [], createPackScanner)).toBe(GIT_ERROR_CODES.unpackedTooLarge);
    expect(verdict(pack, { blobBytes: MiB, unpackedBytes: 2 * MiB }, [], createPackScanner)).toBe('accepted');
  });

  it.each([
    { case: 'no PACK signature', pack: () => Buffer.from('PUCK\0\0\0\x02\0\0\0\x01') },
    { case: 'an object type that does not exist', pack: () => handmadePack([{ type: 5, data: new Uint8Array(4) }]) },
    { case: 'data longer than its header declares', pack: () => handmadePack([{ type: 3, size: 5, data: new Uint8Array(100 * KiB) }]) },
    { case: 'data shorter than its header declares', pack: () => handmadePack([{ type: 3, size: 500, data: new Uint8Array(5) }]) },
    { case: 'data that is not zlib', pack: () => Buffer.concat([handmadePack([]).subarray(0, 12), Buffer.from([0x35, 0xff, 0xff, 0xff])]) },
  ])('refuses a pack with $case', ({ pack }) => {
    const bytes = pack();
    if (bytes.readUInt32BE(8) === 0) bytes.writeUInt32BE(1, 8);

    expect(verdict(bytes, ROOMY, [], createPackScanner)).toBe(GIT_ERROR_CODES.packInvalid);
  });

  it('gives the same verdict however the response is cut into chunks', () => {
    const cases = [
      { bytes: uploadPackResponse(offsetPack), limits: ROOMY, expected: 'accepted' },
      { bytes: uploadPackResponse(refPack), limits: ROOMY, expected: 'accepted' },
      { bytes: uploadPackResponse(offsetPack), limits: { blobBytes: 100 * KiB, unpackedBytes: 16 * MiB }, expected: GIT_ERROR_CODES.blobTooLarge },
      { bytes: uploadPackResponse(offsetPack), limits: { blobBytes: MiB, unpackedBytes: 400 * KiB }, expected: GIT_ERROR_CODES.unpackedTooLarge },
    ];

    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(fc.nat(), { maxLength: 40 }), fc.boolean(), ({ bytes, limits, expected }, cuts, bytewise) => {
        // Cut everywhere in the first bytes too: headers split across chunks are the hard case.
        const all = bytewise ? [...cuts, ...Array.from({ length: 200 }, (_, i) => i)] : cuts;
        expect(verdict(bytes, limits, all)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});
