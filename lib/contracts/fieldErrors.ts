import type { z } from 'zod';

/** One thing wrong with an input, named by where it is (`steps.clone.payload.url`, `priority`…). */
export interface FieldError {
  field: string;
  message: string;
}

/** A zod failure as field errors: the issue's path, or the unknown keys a strict object refused. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? (issue as z.core.$ZodIssueUnrecognizedKeys).keys.join(', ') : '(body)',
    message: issue.message,
  }));
}
