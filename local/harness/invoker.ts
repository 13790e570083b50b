import type { Context } from 'aws-lambda';
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
}

export interface Invocation {
  result: unknown;
  durationMs: number;
  context: Context;
}

export type Invoke = (event: unknown) => Promise<Invocation>;

/**
 * Calls a handler the way Lambda does: a fresh context per invocation, the function timeout enforced.
 * A timed-out handler cannot be killed inside one Node process; it is abandoned and its result ignored,
 * which is what a retried Lambda invocation looks like to Kafka. Each invocation runs in its function's
 * scope, so a send outside its `produces` fails here as the function's role would refuse it on AWS.
 *
 * @throws HandlerTimeoutError or HandlerFailedError (both retriable).
 */
export function createInvoker(options: InvokerOptions): Invoke {
  const timeoutMs = options.timeoutSeconds * 1000;
  const scope = { functionId: options.functionId, produces: options.produces };
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
