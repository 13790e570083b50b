import type { FieldError } from './fieldErrors.js';
import { payloadSizeError } from './limits.js';
import { secretFieldErrors } from './secretFields.js';
import { startOf, type ParsedTaskSubmission } from './task.js';

const under = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/** A payload over the size limit or carrying a secret in the clear, named under `prefix` (`steps.clone`…). */
export function payloadProblems(payload: unknown, prefix = ''): FieldError[] {
  const tooLarge = payloadSizeError(payload, under(prefix, 'payload'));
  return [...(tooLarge ? [tooLarge] : []), ...secretFieldErrors(payload, under(prefix, 'payload'))];
}

/**
 * What a schema cannot say about a parsed task submission — wherever it comes from (a task, a
 * workflow step, a dynamic step's child): its payload's size and secrets, and its timing.
 */
export function submissionProblems(s: Pick<ParsedTaskSubmission, 'payload' | 'runAt' | 'delayMs'>, prefix = ''): FieldError[] {
  const timing = startOf(s).error;
  return [...payloadProblems(s.payload, prefix), ...(timing ? [{ field: under(prefix, timing.field), message: timing.message }] : [])];
}
