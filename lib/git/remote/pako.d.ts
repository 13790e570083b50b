// pako 1.x ships no types; this declares the part of its streaming inflater the pack scanner uses.
declare module 'pako/lib/inflate.js' {
  interface InflateOptions {
    chunkSize?: number;
    windowBits?: number;
  }

  interface ZStream {
    /** Input bytes `push` has not consumed: what follows a zlib stream that ended inside the chunk. */
    avail_in: number;
  }

  export class Inflate {
    constructor(options?: InflateOptions);
    strm: ZStream;
    ended: boolean;
    /** False once the data is found not to be a zlib stream. */
    push(data: Uint8Array, mode?: boolean | number): boolean;
    onData(chunk: Uint8Array): void;
    onEnd(status: number): void;
  }

  const inflate: { Inflate: typeof Inflate };
  export default inflate;
}
