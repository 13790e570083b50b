import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { inInvocation } from './observability.js';

/** What a handler behind `dispatchAfter` finds on its context. */
export interface DispatchAfterContext extends Context {
  /** Asks for one dispatch once the handler has answered (its writes committed); any number of calls dispatch once. */
  dispatchAfter(): void;
}

export interface DispatchAfterOptions {
  /** Dispatches pending tasks, e.g. `async () => dispatchPending(await getDeps(), { actor: 'api' })`. */
  dispatch(): Promise<unknown>;
}

/** Per-invocation state, under this key of `request.internal`. */
export const DISPATCH_AFTER_KEY = 'syntor:dispatch-after';

type DispatchRequest = Request<unknown, unknown, Error, DispatchAfterContext, { [DISPATCH_AFTER_KEY]?: { needed: boolean } }>;

/**
 * The coordinator's "dispatch after" step: a handler whose write made tasks dispatchable (a
 * cancel that started a workflow's next steps, a redrive) calls `context.dispatchAfter()`, and once
 * it has answered, pending tasks are dispatched — once, however often it was asked. A dispatch that
 * fails fails the request as the handler's own error would (an outage answers 503), and the
 * sweeper dispatches what it left.
 *
 * @example
 * middy(async (event, context: DispatchAfterContext) => { ...; context.dispatchAfter(); return json(200, view); })
 *   .use(dispatchAfter({ dispatch: async () => dispatchPending(await getDeps(), { actor: 'api' }) }));
 */
export function dispatchAfter(options: DispatchAfterOptions): MiddlewareObj<unknown, unknown, Error, DispatchAfterContext> {
  function offerDispatch(request: DispatchRequest): void {
    const state = { needed: false };
    request.internal[DISPATCH_AFTER_KEY] = state;
    request.context.dispatchAfter = () => {
      state.needed = true;
    };
  }

  async function dispatchIfAsked(request: DispatchRequest): Promise<void> {
    if (!request.internal[DISPATCH_AFTER_KEY]?.needed) return;
    await inInvocation(request.context, () => options.dispatch());
  }

  return { before: offerDispatch, after: dispatchIfAsked };
}
