import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { MIDDY_OPTIONS } from './constants.js';
import { invocationDeadline, type InvocationDeadlineOptions } from './middleware/invocationDeadline.js';
import { inInvocationSpan, observability } from './middleware/observability.js';

/**
 * The Middy handler every SYNTOR function starts from: `fn` with its invocation span active, then
 * `observability` (first, so it sees the final outcome) and `invocationDeadline`. Add the trigger's
 * middlewares with `.use`.
 *
 * Middy's own early timeout is off: Lambda's timeout ends an invocation as it always did, and the
 * deadline middleware tells long work when to stop instead.
 *
 * @example
 * export const handler = syntorHandler(async (_event, context) => sweepWhileBusy(await getDeps(), deadlineOf(context).remainingMs));
 */
export function syntorHandler<E, R>(fn: (event: E, context: Context) => Promise<R>, deadline: InvocationDeadlineOptions = {}) {
  return middy<E, R>(inInvocationSpan(fn), MIDDY_OPTIONS).use(observability()).use(invocationDeadline(deadline));
}
