const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * The sizes SYNTOR keeps its messages under, declared once. Each cap leaves room below the broker's
 * limit for what travels with it: the envelope and headers, and the base64 copy (4/3 the size) a
 * record becomes when it is dead-lettered onto syntor.dlq.
 *
 * - `brokerMessageBytes`: Kafka's default `message.max.bytes` (MSK Serverless allows 8 MiB; SYNTOR
 *   designs for the smallest broker it may meet). https://kafka.apache.org/documentation/#brokerconfigs_message.max.bytes
 * - `payloadBytes`: a task payload, serialized; it travels in `task.assign` and is stored.
 * - `resultBytes`: a task result (or a service response's), serialized; it travels in `task.complete`.
 * - `errorMessageBytes`: the message of a task error, beyond which it is cut with {@link TRUNCATION_MARKER}.
 * - `submissionBodyBytes`: an HTTP submission's body, before parsing: the payload cap plus room for the
 *   other fields and the JSON formatting a person may send.
 */
export const LIMITS = {
  brokerMessageBytes: MIB,
  payloadBytes: 256 * KIB,
  resultBytes: 512 * KIB,
  errorMessageBytes: 8 * KIB,
  submissionBodyBytes: 512 * KIB,
} as const;

export const TRUNCATION_MARKER = '… [truncated]';

/**
 * The UTF-8 size of a value as JSON, as it is measured against the caps (what the producer writes).
 * `undefined` (no JSON at all) is 0.
 */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

/** A payload over `LIMITS.payloadBytes` serialized, as a field error naming its size; it would travel in every assignment. */
export function payloadSizeError(payload: unknown, field = 'payload'): { field: string; message: string } | undefined {
  const bytes = jsonBytes(payload);
  if (bytes <= LIMITS.payloadBytes) return undefined;
  return { field, message: `is ${bytes} bytes serialized; the limit is ${LIMITS.payloadBytes} bytes` };
}

/**
 * `text` when it fits in `maxBytes` of UTF-8, else its longest prefix that does with
 * {@link TRUNCATION_MARKER} appended (the result, marker included, fits). Never splits a character.
 *
 * @example
 * truncateText('x'.repeat(10_000), 8192).endsWith('[truncated]'); // true
 */
export function truncateText(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  let end = Math.max(0, maxBytes - Buffer.byteLength(TRUNCATION_MARKER, 'utf8'));
  // Back off to the start of the character the cut falls in (UTF-8 continuation bytes are 10xxxxxx).
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString('utf8')}${TRUNCATION_MARKER}`;
}
