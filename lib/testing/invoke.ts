import type { Context } from 'aws-lambda';
import { createLambdaContext } from '../../local/harness/lambdaContext.js';

/** A Lambda context as the harness gives one: `getRemainingTimeInMillis()` counts down to its deadline. */
export function lambdaContext(overrides: { functionName?: string; memoryMb?: number; timeoutMs?: number; awsRequestId?: string } = {}): Context {
  return createLambdaContext({
    functionName: overrides.functionName ?? 'test-function',
    memoryMb: overrides.memoryMb ?? 1024,
    deadline: Date.now() + (overrides.timeoutMs ?? 60_000),
    ...(overrides.awsRequestId ? { awsRequestId: overrides.awsRequestId } : {}),
  });
}

/**
 * Calls a handler once as Lambda would: with the event and a context (a fresh one unless given), and
 * its answer. A handler that throws rejects, as a failed invocation does.
 *
 * @example
 * const result = await invoke(handler, mskEvent({ records: [{ topic: 'orders', value: { id: 1 } }] }));
 * expect(result).toEqual({ batchItemFailures: [] });
 */
export async function invoke<E, R>(handler: (event: E, context: Context) => Promise<R>, event: E, options: { context?: Context } = {}): Promise<R> {
  return handler(event, options.context ?? lambdaContext());
}
