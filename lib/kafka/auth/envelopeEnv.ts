import { z } from 'zod';
import { ConfigInvalidError } from '../../config/errors.js';
import { jsonText, secretArn } from '../../config/fields.js';
import { MIN_KEY_CHARS } from './envelopeKeys.js';

const keyText = z.string().min(MIN_KEY_CHARS, `at least ${MIN_KEY_CHARS} characters (e.g. \`openssl rand -base64 48\`)`);

/**
 * The variables of envelope signing, apart from the rest of the configuration because every
 * function reads them, workers included, while only the coordinator holds the keys of others.
 */
export const envelopeEnvSchema = z.object({
  /** The agent this function runs as (the harness and the CDK app set it). */
  SYNTOR_AGENT: z.string().min(1).optional(),
  /** This function's agent's signing key (the harness sets it); never logged. */
  SYNTOR_ENVELOPE_KEY: keyText.optional(),
  /** On AWS: the secret `{ "key": "…" }` holding it, read once per instance. */
  SYNTOR_ENVELOPE_KEY_SECRET_ARN: secretArn.optional(),
  /** The verifier's master key, from which every agent's key is derived (the harness's coordinator). */
  SYNTOR_ENVELOPE_MASTER_KEY: keyText.optional(),
  /** On AWS, the verifier's agents and their key secrets: JSON `{ "<agent>": "<secret ARN>" }`. */
  SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: jsonText('JSON: { "<agent>": "<secret ARN>" }')
    .pipe(z.record(z.string().min(1), secretArn))
    .optional(),
});

export type EnvelopeEnv = z.output<typeof envelopeEnvSchema>;

/** The secret holding one agent's key. */
export const envelopeKeySecretSchema = z.object({ key: keyText });

/**
 * The envelope variables of `env`, validated.
 *
 * @throws ConfigInvalidError naming each bad variable, never its value (they hold keys).
 */
export function readEnvelopeEnv(env: NodeJS.ProcessEnv): EnvelopeEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([name, v]) => name in envelopeEnvSchema.shape && v !== undefined && v !== ''));
  const parsed = envelopeEnvSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new ConfigInvalidError(
    parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), expected: issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message })),
    { cause: parsed.error },
  );
}
