import type { z } from 'zod';
import type { CapabilityFieldIssue } from './types.js';

/** Turns zod issues into `{ path, message }` pairs with dotted paths (`steps.2.field`), one per issue. */
export function issueFields(error: z.ZodError): CapabilityFieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}
