import { createPackScanner, type PackLimits, type PackScanner } from './packScanner.js';

const PACK_CHANNEL = 1;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Watches an upload-pack response (https://git-scm.com/docs/protocol-common#_pkt_line_format) as it
 * streams, without changing it: each pkt-line whose payload starts with side-band channel 1 carries pack
 * data, passed on to the pack scanner; progress (2), errors (3), the ACK/NAK/shallow lines before the
 * pack and flush packets are left to isomorphic-git. A line that is not a pkt-line ends the watching:
 * isomorphic-git stops reading the response there too.
 *
 * @example
 * const scan = createUploadPackScanner('github.com', limits);
 * for await (const chunk of response) { scan(chunk); yield chunk; }
 */
export function createUploadPackScanner(host: string, limits: PackLimits): PackScanner {
  const scanPack = createPackScanner(host, limits);
  const length = new Uint8Array(4);
  let filled = 0;
  let payloadLeft = 0;
  let channel: number | undefined;
  let stopped = false;

  return (bytes) => {
    let at = 0;
    while (!stopped && at < bytes.length) {
      if (payloadLeft === 0) {
        length[filled++] = bytes[at++]!;
        if (filled < 4) continue;
        filled = 0;
        const hex = String.fromCharCode(...length);
        if (!HEX4.test(hex)) {
          stopped = true;
          return;
        }
        // 0000 flush, 0001 delimiter, 0002 response end: no payload.
        payloadLeft = Math.max(0, Number.parseInt(hex, 16) - 4);
        channel = undefined;
        continue;
      }
      if (channel === undefined) {
        channel = bytes[at++]!;
        payloadLeft -= 1;
        continue;
      }
      const take = Math.min(payloadLeft, bytes.length - at);
      if (channel === PACK_CHANNEL) scanPack(bytes.subarray(at, at + take));
      at += take;
      payloadLeft -= take;
    }
  };
}
