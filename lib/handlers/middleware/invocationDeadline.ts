import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';

/** What is left of an invocation, as `invocationDeadline` puts it on the context. */
export interface InvocationDeadline {
  /** Milliseconds until Lambda ends the invocation; infinite when the context does not say. */
  remainingMs(): number;
  /** True when less than the margin is left: time to stop starting work and answer with what is done. */
  outOfTime(): boolean;
}

/** Each invocation's deadline, by its Lambda context: kept beside the context, which stays the caller's. */
const deadlines = new WeakMap<object, InvocationDeadline>();

export interface InvocationDeadlineOptions {
  /** Time kept back to answer (a partial batch response, a publish). @default 2000 */
  readonly marginMs?: number;
}

const defaults = { marginMs: 2_000 } satisfies Required<InvocationDeadlineOptions>;

/**
 * The invocation's deadline for a context, with `marginMs` kept back. A hand-made context (a test, a
 * direct call) may not say how much time is left; then there is no deadline to keep.
 *
 * @example
 * deadlineOf(context, 2_000).outOfTime(); // false with 10 s left
 */
export function deadlineOf(context: Partial<Context> | undefined, marginMs: number = defaults.marginMs): InvocationDeadline {
  const existing = context ? deadlines.get(context) : undefined;
  if (existing) return existing;
  const remaining = context?.getRemainingTimeInMillis;
  const remainingMs = typeof remaining === 'function' ? () => remaining.call(context) : () => Number.POSITIVE_INFINITY;
  return { remainingMs, outOfTime: () => remainingMs() < marginMs };
}

/**
 * Sets the invocation's deadline (read it with `deadlineOf(context)`), one reading of Lambda's
 * `getRemainingTimeInMillis` for every part of the handler, with the margin to keep. Long work
 * (an isolation pass, repeated sweeps) checks `outOfTime()` before each step, so what is not reached
 * is redelivered or left for the next run rather than cut off by the timeout.
 *
 * @example
 * export const handler = middy(sweepAll).use(invocationDeadline({ marginMs: 5_000 }));
 */
export function invocationDeadline(options: InvocationDeadlineOptions = {}): MiddlewareObj<unknown, unknown, Error, Context> {
  const { marginMs } = { ...defaults, ...options };

  function setDeadline(request: Request<unknown, unknown, Error, Context>): void {
    deadlines.set(request.context, deadlineOf(request.context, marginMs));
  }

  return { before: setDeadline };
}
