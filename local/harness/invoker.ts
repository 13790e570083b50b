import type { Context } from 'aws-lambda';
import type { EnvelopeAuth } from '../../lib/kafka/auth/index.js';
import { runInScope } from '../../lib/manifest/invocationScope.js';
import { createLambdaContext } from './lambdaContext.js';
import { HandlerFailedError, HandlerTimeoutError } from './errors.js';
import type { Handler } from './loadHandler.js';

export interface InvokerOptions {
  functionId: string;
  handler: Handler;
  memoryMb: number;
  timeoutSeconds: number;
  /** The topics the function may write (`producedTopics` of its manifest): its producer refuses the rest. */
  produces: readonly string[];
  /** How its agent signs and checks envelopes, in place of an environment of its own. */
  envelope?: EnvelopeAuth;
}

export interface Invocation {
  result: unknown;
  durationMs: number;
  context: Context;
  /** This invocation started a new execution environment (isolated mode). */
  coldStart?: boolean;
  /** The cold start's `Init Duration`, when there was one. */
  initDurationMs?: number;
}

export type Invoke = (event: unknown) => Promise<Invocation>;

/**
 * Calls a handler inside the harness's own process (`isolation: false`, for tests that must share the
 * handler's module): a fresh context per invocation, the function timeout enforced.
 * A timed-out handler cannot be killed inside one Node process; it is abandoned and its result ignored,
 * which is what a retried Lambda invocation looks like to Kafka. Each invocation runs in its function's
 * scope, so a send outside its `produces` fails here as the function's role would refuse it on AWS.
 *
 * @throws HandlerTimeoutError or HandlerFailedError (both retriable).
 */
export function createInvoker(options: InvokerOptions): Invoke {
  const timeoutMs = options.timeoutSeconds * 1000;
  const scope = { functionId: options.functionId, produces: options.produces, ...(options.envelope ? { envelope: options.envelope } : {}) };
  return async (event) => {
    const started = Date.now();
    const context = createLambdaContext({ functionName: options.functionId, memoryMb: options.memoryMb, deadline: started + timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HandlerTimeoutError(options.functionId, options.timeoutSeconds)), timeoutMs);
    });
    try {
      const result = await Promise.race([
        Promise.resolve().then(() => runInScope(scope, () => options.handler(event, context))),
        timeout,
      ]).catch((error: unknown) => {
        throw error instanceof HandlerTimeoutError ? error : new HandlerFailedError(options.functionId, { cause: error });
      });
      return { result, durationMs: Date.now() - started, context };
    } finally {
      clearTimeout(timer);
    }
  };
}
