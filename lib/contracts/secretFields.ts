/**
 * The one rule for "this field holds a secret", used to refuse secrets in task payloads at submission
 * and to redact them from whatever the API serves. A raw secret in a payload would be stored in
 * `tasks.payload`, published in every `task.assign` and copied into dead letters (issue 13), so
 * payloads name a configured credential (`credential: "<name>"`) instead.
 */

/** What a redacted value reads as. */
export const SECRET_REDACTED = '[redacted]';

// Matched against the name lower-cased without `_` and `-`, at its end: `token`, `accessToken`,
// `client_secret`, `x-api-key`, `dbPassword`. `credential` (a name) and `tokenHosts`, `maxTokens` are not.
const SECRET_NAME = /(token|password|passwd|secret|apikey|authorization|credentials)$/;

/** Whether a field of this name is taken to hold a secret. */
export function isSecretFieldName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase().replace(/[_-]/g, ''));
}

/** A field named like a secret that holds a string, by its dotted path (`payload.auth.token`). */
export interface SecretField {
  path: string;
}

/**
 * Every field, at any depth, named like a secret and holding a non-empty string.
 *
 * @example
 * findSecretFields({ url: 'https://…', token: 'ghp_…' }, 'payload'); // [{ path: 'payload.token' }]
 */
export function findSecretFields(value: unknown, path = ''): SecretField[] {
  const found: SecretField[] = [];
  visit(value, path, (key, child, at) => {
    if (isSecretFieldName(key) && typeof child === 'string' && child !== '') found.push({ path: at });
  });
  return found;
}

/**
 * A copy of `value` in which every field named like a secret (whatever it holds) reads
 * {@link SECRET_REDACTED}; other values are kept as they are.
 *
 * @example
 * redactSecrets({ url: 'u', token: 't' }); // { url: 'u', token: '[redacted]' }
 */
export function redactSecrets<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, isSecretFieldName(key) && child !== null && child !== undefined ? SECRET_REDACTED : redact(child)]),
  );
}

function visit(value: unknown, path: string, onField: (key: string, child: unknown, path: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((child, i) => visit(child, join(path, String(i)), onField));
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      onField(key, child, join(path, key));
      visit(child, join(path, key), onField);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Why a secret-named field is refused in a submission, and what to send instead. */
export const SECRET_FIELD_MESSAGE =
  'holds a secret, and a task payload is stored, returned by the API, published on Kafka and copied into dead letters; send "credential" naming a configured credential (SYNTOR_GIT_CREDENTIALS) instead';

/**
 * A field error for each secret in a submitted payload (see {@link findSecretFields}).
 *
 * @example
 * secretFieldErrors({ url: 'https://…', token: 'ghp_…' }); // [{ field: 'payload.token', message: 'holds a secret, … send "credential" …' }]
 */
export function secretFieldErrors(payload: unknown, path = 'payload'): { field: string; message: string }[] {
  return findSecretFields(payload, path).map((found) => ({ field: found.path, message: SECRET_FIELD_MESSAGE }));
}
