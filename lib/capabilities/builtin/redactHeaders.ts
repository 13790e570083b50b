export const REDACTED = '[REDACTED]';

// Exact names plus fragments that mark a credential in custom headers (x-goog-api-key, x-vault-token…).
const SENSITIVE_HEADER = /^(?:authorization|proxy-authorization|cookie|set-cookie)$|token|secret|passw|api[-_]?key|session|credential|signature/i;

/** Whether a header carries a credential: never logged, never returned. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** A copy of the headers with every sensitive value replaced by `[REDACTED]` (the names stay, to show they were sent). */
export function redactHeaders<V>(headers: Readonly<Record<string, V>>): Record<string, V | string> {
  const redacted: Record<string, V | string> = {};
  for (const [name, value] of Object.entries(headers)) {
    Object.defineProperty(redacted, name, { value: isSensitiveHeader(name) ? REDACTED : value, enumerable: true, writable: true, configurable: true });
  }
  return redacted;
}
