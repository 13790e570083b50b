import type { Context } from 'aws-lambda';
import { syntorHandler } from './syntorHandler.js';

export { triggerOf } from './triggerOf.js';

/**
 * `handler` with what every invocation gets (see `observability` and `invocationDeadline`): the
 * shape of a function with no trigger-specific middleware, such as a heartbeat.
 *
 * @example
 * export const handler = observeHandler(async () => presence.announce(true));
 */
export function observeHandler<E, R>(handler: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return syntorHandler(handler);
}
