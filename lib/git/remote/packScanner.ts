import pako from 'pako/lib/inflate.js';
import { GitPackInvalidError, GitPackTooLargeError } from '../errors.js';

/** What one pack may hold: each object's size, and all of them together once unpacked. */
export interface PackLimits {
  readonly blobBytes: number;
  readonly unpackedBytes: number;
}

/** Feeds the next bytes of a pack stream; throws once the pack is refused. */
export type PackScanner = (bytes: Uint8Array) => void;

const OBJECT_TYPES: Record<number, string> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag', 6: 'ofs-delta', 7: 'ref-delta' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const HEADER_BYTES = 12;
const OBJECT_ID_BYTES = 20;
/** A size is at most 64 bits: 4 in the first byte of an entry, 7 in each of nine more. */
const MAX_VARINT_BYTES = 10;
/** Output is discarded as it comes: this is all the memory an inflate holds besides zlib's 32 KiB window. */
const INFLATE_CHUNK_BYTES = 16 * 1024;
/** A delta starts with its base's size and its result's size, each a varint of at most ten bytes. */
const DELTA_PREFIX_BYTES = 2 * MAX_VARINT_BYTES;

type Phase = 'header' | 'entry' | 'baseOffset' | 'baseId' | 'data' | 'trailer' | 'done';

/**
 * Reads a pack stream (https://git-scm.com/docs/pack-format) as it arrives and refuses it as soon as an
 * object's declared size, or a delta's result size, is over `blobBytes`, or all of them together over
 * `unpackedBytes`. Written here because no library parses pack headers from a stream: isomorphic-git
 * collects the whole pack, writes it and inflates every object before anything could be checked.
 * Each object is inflated only to find where the next one starts, its output discarded; an object that
 * inflates past its declared size is refused too, so inflating never costs more than the limits.
 *
 * @example
 * const scan = createPackScanner('github.com', { blobBytes: 50 * MiB, unpackedBytes: GiB });
 * for await (const chunk of packStream) scan(chunk); // throws GitPackTooLargeError
 */
export function createPackScanner(host: string, limits: PackLimits): PackScanner {
  let phase: Phase = 'header';
  const header = new Uint8Array(HEADER_BYTES);
  let filled = 0;
  let objectsLeft = 0;
  let objectIndex = -1;
  let entryType = 0;
  let entrySize = 0;
  let entryBytes = 0;
  let skip = 0;
  let unpacked = 0;
  let inflater: ObjectInflater | undefined;

  const invalid = (reason: string) => new GitPackInvalidError(host, objectIndex < 0 ? reason : `object ${objectIndex}: ${reason}`);
  const admit = (type: string, bytes: number) => {
    if (bytes > limits.blobBytes) throw new GitPackTooLargeError(host, { type, bytes, limitBytes: limits.blobBytes });
    unpacked += bytes;
    if (unpacked > limits.unpackedBytes) throw new GitPackTooLargeError(host, { bytes: unpacked, limitBytes: limits.unpackedBytes });
  };
  const nextObject = () => {
    objectsLeft -= 1;
    phase = objectsLeft > 0 ? 'entry' : 'trailer';
    skip = OBJECT_ID_BYTES;
    entryBytes = 0;
  };
  const readHeader = () => {
    if (String.fromCharCode(...header.subarray(0, 4)) !== 'PACK') throw invalid('it does not start with "PACK"');
    const view = new DataView(header.buffer);
    const version = view.getUint32(4);
    if (version !== 2 && version !== 3) throw invalid(`version ${version} is not 2 or 3`);
    objectsLeft = view.getUint32(8);
    phase = objectsLeft > 0 ? 'entry' : 'trailer';
    skip = OBJECT_ID_BYTES;
  };
  const readEntryByte = (byte: number) => {
    if (entryBytes === 0) {
      objectIndex += 1;
      entryType = (byte >> 4) & 7;
      entrySize = byte & 0x0f;
    } else {
      entrySize += (byte & 0x7f) * 2 ** (4 + 7 * (entryBytes - 1));
    }
    entryBytes += 1;
    if (byte & 0x80) {
      if (entryBytes >= MAX_VARINT_BYTES) throw invalid('its size takes more than ten bytes');
      return;
    }
    const type = OBJECT_TYPES[entryType];
    if (type === undefined) throw invalid(`type ${entryType} is not an object type`);
    const delta = entryType === OFS_DELTA || entryType === REF_DELTA;
    // A delta's own data is checked as well as its result: either is held whole to unpack it.
    if (entrySize > limits.blobBytes) throw new GitPackTooLargeError(host, { type, bytes: entrySize, limitBytes: limits.blobBytes });
    if (!delta) admit(type, entrySize);
    inflater = new ObjectInflater(entrySize, delta ? (bytes) => admit('delta result', bytes) : undefined, invalid);
    entryBytes = 0;
    phase = entryType === OFS_DELTA ? 'baseOffset' : entryType === REF_DELTA ? 'baseId' : 'data';
    skip = OBJECT_ID_BYTES;
  };

  return (bytes) => {
    let at = 0;
    while (at < bytes.length) {
      switch (phase) {
        case 'header': {
          const take = Math.min(HEADER_BYTES - filled, bytes.length - at);
          header.set(bytes.subarray(at, at + take), filled);
          filled += take;
          at += take;
          if (filled === HEADER_BYTES) readHeader();
          break;
        }
        case 'entry':
          readEntryByte(bytes[at++]!);
          break;
        case 'baseOffset': {
          const byte = bytes[at++]!;
          entryBytes += 1;
          if (byte & 0x80) {
            if (entryBytes >= MAX_VARINT_BYTES) throw invalid('its base offset takes more than ten bytes');
          } else {
            entryBytes = 0;
            phase = 'data';
          }
          break;
        }
        case 'baseId':
        case 'trailer': {
          const take = Math.min(skip, bytes.length - at);
          skip -= take;
          at += take;
          if (skip === 0) phase = phase === 'baseId' ? 'data' : 'done';
          break;
        }
        case 'data': {
          at += inflater!.push(bytes.subarray(at));
          if (inflater!.ended) nextObject();
          break;
        }
        case 'done':
          // What follows a pack's checksum is isomorphic-git's to refuse; nothing of it is unpacked.
          return;
      }
    }
  };
}

/** Inflates one object's zlib stream, keeping only its size and, for a delta, the sizes it starts with. */
class ObjectInflater {
  ended = false;
  private produced = 0;
  private readonly prefix: Uint8Array | undefined;
  private prefixBytes = 0;
  private resultKnown = false;
  private readonly inflate = new pako.Inflate({ chunkSize: INFLATE_CHUNK_BYTES, windowBits: 15 });

  constructor(
    private readonly declared: number,
    private readonly onDeltaResult: ((bytes: number) => void) | undefined,
    private readonly invalid: (reason: string) => Error,
  ) {
    this.prefix = onDeltaResult ? new Uint8Array(DELTA_PREFIX_BYTES) : undefined;
    this.inflate.onData = (chunk) => this.onData(chunk);
    this.inflate.onEnd = () => undefined;
  }

  /** Inflates from `bytes`; returns how many of them belong to this object. */
  push(bytes: Uint8Array): number {
    if (!this.inflate.push(bytes, false)) throw this.invalid('its data is not a zlib stream');
    if (!this.inflate.ended) return bytes.length;
    if (this.produced !== this.declared) throw this.invalid(`it inflates to ${this.produced} bytes, not the ${this.declared} its header declares`);
    if (this.onDeltaResult && !this.resultKnown) throw this.invalid('its delta ends before its sizes');
    this.ended = true;
    return bytes.length - this.inflate.strm.avail_in;
  }

  private onData(chunk: Uint8Array): void {
    this.produced += chunk.byteLength;
    if (this.produced > this.declared) throw this.invalid(`it inflates past the ${this.declared} bytes its header declares`);
    if (!this.prefix || this.resultKnown) return;
    const take = Math.min(DELTA_PREFIX_BYTES - this.prefixBytes, chunk.byteLength);
    this.prefix.set(chunk.subarray(0, take), this.prefixBytes);
    this.prefixBytes += take;
    const result = deltaResultSize(this.prefix.subarray(0, this.prefixBytes));
    if (result === undefined) {
      if (this.prefixBytes === DELTA_PREFIX_BYTES) throw this.invalid('its delta sizes take more than twenty bytes');
      return;
    }
    this.resultKnown = true;
    this.onDeltaResult?.(result);
  }
}

/** The second varint of a delta (its result's size), or undefined while `bytes` does not hold it whole. */
function deltaResultSize(bytes: Uint8Array): number | undefined {
  let at = 0;
  for (let varint = 0; varint < 2; varint++) {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= bytes.length) return undefined;
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) break;
    }
    if (varint === 1) return value;
  }
  return undefined;
}
