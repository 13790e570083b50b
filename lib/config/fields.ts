import { z } from 'zod';

/** A Secrets Manager secret's ARN. */
export const secretArn = z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'a Secrets Manager secret ARN');

/**
 * A variable holding JSON, parsed; unparsable text is refused with `expected` (the shape), never with
 * JSON.parse's message, which quotes the text and so the secrets in it.
 *
 * @example
 * jsonText('JSON: { "<agent>": "<secret ARN>" }').pipe(z.record(z.string(), secretArn));
 */
export function jsonText(expected: string) {
  return z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
  });
}
