import type { ScheduledEvent } from 'aws-lambda';
import type { ScheduleFailure, ScheduleRetry } from './types.js';

export interface AsyncDelivery {
  readonly event: ScheduledEvent;
  readonly scheduledAt: Date;
  readonly invoke: (event: ScheduledEvent) => Promise<void>;
  /** Retries after the first attempt. */
  readonly retryAttempts: number;
  /** The wait before retry n is `retryDelaysMs[n - 1]`, the last one for any beyond. */
  readonly retryDelaysMs: readonly number[];
  /** Aborted when the schedule stops: a retry still waiting is dropped. */
  readonly signal: AbortSignal;
  readonly onRetry: (retry: ScheduleRetry) => void;
  readonly onFailure: (failure: ScheduleFailure) => void;
}

/**
 * One scheduled event delivered as Lambda delivers an asynchronous invocation: a failed attempt (the
 * function threw, rejected or timed out) is run again after the retry delay, the same event each time,
 * until it succeeds or the retries are used up; then the failure is final and the event is dropped.
 * Never rejects.
 */
export async function deliverAsync(delivery: AsyncDelivery): Promise<void> {
  const { event, scheduledAt } = delivery;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await delivery.invoke(event);
      return;
    } catch (error) {
      if (attempt > delivery.retryAttempts || delivery.signal.aborted) {
        return report(delivery.onFailure, { error, event, scheduledAt, attempts: attempt, reason: delivery.signal.aborted ? 'stopped' : 'retries-exhausted' });
      }
      const delayMs = delivery.retryDelaysMs[Math.min(attempt, delivery.retryDelaysMs.length) - 1] ?? 0;
      report(delivery.onRetry, { error, event, scheduledAt, attempt, retryAttempts: delivery.retryAttempts, delayMs });
      if (!(await wait(delayMs, delivery.signal))) {
        return report(delivery.onFailure, { error, event, scheduledAt, attempts: attempt, reason: 'stopped' });
      }
    }
  }
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function report<T>(hook: (value: T) => void, value: T): void {
  try {
    hook(value);
  } catch {
    // A failing reporter must not stop the schedule.
  }
}
