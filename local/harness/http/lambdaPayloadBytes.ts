/**
 * The size Lambda measures a synchronous payload at: the UTF-8 bytes of its JSON (the runtime sends
 * `undefined` as `null`). A value that cannot be serialised measures 0, left to the response mapping to refuse.
 */
export function lambdaPayloadBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
  } catch {
    return 0;
  }
}
