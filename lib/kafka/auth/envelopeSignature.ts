import { createHmac, timingSafeEqual } from 'node:crypto';

/** The record header carrying who signed a record and the MAC: `v1 <agent> <base64url HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'syntor-signature';

const VERSION = 'v1';

/** An agent's name and the key it signs its records with (32 bytes or more). */
export interface EnvelopeSigner {
  readonly agent: string;
  readonly key: Buffer;
}

/** What identifies a record on the wire; the value and key exactly as the broker stores them. */
export interface SignedParts {
  readonly topic: string;
  readonly key?: string | Buffer | null;
  readonly value: string | Buffer | null;
}

function bytes(data: string | Buffer | null | undefined): Buffer {
  if (data === null || data === undefined) return Buffer.alloc(0);
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function mac(key: Buffer, parts: SignedParts): Buffer {
  const recordKey = bytes(parts.key);
  // Lengths first, so no key/value split can be moved to sign a different record with the same MAC.
  return createHmac('sha256', key)
    .update(`${VERSION}\n${parts.topic}\n${recordKey.byteLength}\n`)
    .update(recordKey)
    .update(bytes(parts.value))
    .digest();
}

/**
 * The header value signing a record as `signer`: the topic, key and value are covered, so a signed
 * completion cannot be replayed onto another topic or with another payload.
 *
 * @example
 * headers[SIGNATURE_HEADER] = signRecord(signer, { topic: 'syntor.tasks.complete', key: taskId, value });
 */
export function signRecord(signer: EnvelopeSigner, parts: SignedParts): string {
  return `${VERSION} ${signer.agent} ${mac(signer.key, parts).toString('base64url')}`;
}

/** The agent a signature header names and its MAC, or why it cannot be read. */
export function readSignature(header: string | undefined): { agent: string; mac: Buffer } | { problem: string } {
  if (header === undefined) return { problem: `the record has no ${SIGNATURE_HEADER} header` };
  const [version, agent, encoded, ...rest] = header.split(' ');
  if (version !== VERSION || !agent || !encoded || rest.length > 0) return { problem: `its ${SIGNATURE_HEADER} header is not "${VERSION} <agent> <mac>"` };
  return { agent, mac: Buffer.from(encoded, 'base64url') };
}

/** Whether `signature` is the MAC of `parts` under `key` (compared in constant time). */
export function macMatches(key: Buffer, parts: SignedParts, signature: Buffer): boolean {
  const expected = mac(key, parts);
  return signature.byteLength === expected.byteLength && timingSafeEqual(signature, expected);
}
