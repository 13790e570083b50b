import { AsyncLocalStorage } from 'node:async_hooks';
import type { EnvelopeAuth } from '../kafka/auth/envelopeAuth.js';

/** The function an invocation runs as, and the topics it may write (see `producedTopics`). */
export interface InvocationScope {
  readonly functionId: string;
  readonly produces: readonly string[];
  /** How it signs and checks envelopes, where the process's environment cannot say (the harness in-process). */
  readonly envelope?: EnvelopeAuth;
}

/** What the CDK app sets on each Lambda function: its produced topics, comma-separated (empty = none). */
export const PRODUCES_ENV = 'SYNTOR_PRODUCES';
/** The function's id (`<agent>-<function>`), also the label of its metrics. */
export const FUNCTION_ENV = 'SYNTOR_FUNCTION';

const storage = new AsyncLocalStorage<InvocationScope>();

/**
 * Runs `body` as `scope`: what the harness does per invocation, since all its functions share one
 * process and so one environment.
 *
 * @example
 * await runInScope({ functionId: 'coordination-status', produces: ['syntor.dlq'] }, () => handler(event, context));
 */
export function runInScope<T>(scope: InvocationScope, body: () => T): T {
  return storage.run(scope, body);
}

/**
 * The scope of the code running now: the harness's invocation, else the Lambda function's
 * environment, else none — tests, scripts and the CLI are no function and write unrestricted.
 */
export function currentScope(env: NodeJS.ProcessEnv = process.env): InvocationScope | undefined {
  const local = storage.getStore();
  if (local) return local;
  const listed = env[PRODUCES_ENV];
  if (listed === undefined) return undefined;
  return {
    functionId: env[FUNCTION_ENV] ?? env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
    produces: listed.split(',').map((t) => t.trim()).filter((t) => t.length > 0),
  };
}
