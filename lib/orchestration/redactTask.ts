import { redactSecrets } from '../contracts/index.js';
import type { StoredTask } from '../store/index.js';

/**
 * A task as the API serves it: payload fields named like secrets read `[redacted]`. Submissions
 * refuse such fields (see lib/contracts/secretFields.ts); this covers tasks stored before that rule.
 *
 * @example
 * json(200, redactTask(await deps.tasks.get(id)));
 */
export function redactTask<T extends Pick<StoredTask, 'payload'>>(task: T): T {
  return { ...task, payload: redactSecrets(task.payload) };
}

/** The dead-letter fields that can carry a payload: `value` (base64 of the original record) and `details`. */
interface LetterLike {
  value: string | null;
  details?: unknown;
}

/**
 * A dead letter with secrets redacted from its `details` and, when `value` is base64 JSON, from
 * the value too (re-encoded). A value that is not JSON is kept: there are no fields to tell by.
 */
export function redactDeadLetter<T extends LetterLike>(letter: T): T {
  return {
    ...letter,
    value: letter.value === null ? null : redactEncodedJson(letter.value),
    ...(letter.details === undefined ? {} : { details: redactSecrets(letter.details) }),
  };
}

/** base64 of JSON, redacted; anything else unchanged. */
export function redactEncodedJson(base64: string): string {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    return base64;
  }
  const redacted = redactSecrets(json);
  // Unchanged bytes when there was nothing to redact: the value is shown "exactly as received".
  return JSON.stringify(redacted) === JSON.stringify(json) ? base64 : Buffer.from(JSON.stringify(redacted)).toString('base64');
}
