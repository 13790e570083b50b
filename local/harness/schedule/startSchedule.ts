import { SCHEDULE_DELIVERY } from '../../../lib/contracts/index.js';
import { parseSchedule, type Schedule } from '../../../lib/triggers/index.js';
import { buildScheduledEvent } from './buildScheduledEvent.js';
import { ASYNC_RETRY_DELAYS_MS, MAX_TIMER_MS, STOP_GRACE_MS } from './constants.js';
import { deliverAsync } from './deliverAsync.js';
import type { ScheduleFailure, ScheduleHandle, ScheduleRetry, StartScheduleOptions } from './types.js';

/**
 * Fires `invoke` with a "Scheduled Event" on an EventBridge schedule, in UTC. A rate schedule first fires
 * one period after it starts, as a new rule does
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html), unless
 * `fireImmediately` asks for a run right away. A rule invokes its function asynchronously, so each fire
 * starts an invocation even while earlier ones still run (they overlap, as on AWS), and a failed one is
 * retried as Lambda retries an async invocation: `retryAttempts` more times (2, as deployed) after 1 and
 * then 2 minutes (`onRetry`), then given up (`onError`). The schedule itself always carries on.
 *
 * @example
 * const schedule = startSchedule({ ruleName: 'tasks-sweeper', expression: 'rate(1 minute)', invoke: (event) => handler(event) });
 * schedule.nextFireAt(); // a minute from now
 * await schedule.stop();
 *
 * @throws ScheduleExpressionInvalidError when the expression is not one EventBridge accepts.
 */
export function startSchedule(options: StartScheduleOptions): ScheduleHandle {
  const schedule = parseSchedule(options.expression);
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? defaultOnError(options.ruleName);
  const onRetry = options.onRetry ?? defaultOnRetry(options.ruleName);
  const startedAt = now();
  let nextAt = firstFireAfter(schedule, startedAt);
  let timer: NodeJS.Timeout | undefined;
  const deliveries = new Set<Promise<void>>();
  const stopping = new AbortController();
  let stopped = false;

  function arm(): void {
    if (stopped || nextAt === undefined) return;
    // Long waits (a yearly cron) are taken in steps: Node's timers overflow past ~24.8 days.
    const delay = Math.min(Math.max(nextAt.getTime() - now().getTime(), 0), MAX_TIMER_MS);
    timer = setTimeout(onTimer, delay);
  }

  function onTimer(): void {
    timer = undefined;
    if (stopped || nextAt === undefined) return;
    const current = now();
    if (current < nextAt) return arm();
    const fireAt = nextAt;
    // Fires missed while the process was asleep are dropped, not replayed in a burst.
    nextAt = fireAfter(schedule, fireAt, current);
    fire(fireAt);
    arm();
  }

  function fire(at: Date): void {
    const event = buildScheduledEvent({ ruleName: options.ruleName, time: at, region: options.region, account: options.account });
    const delivery = deliverAsync({
      event,
      scheduledAt: at,
      invoke: options.invoke,
      // Lambda's async queue retries a function error (DOCS.asyncRetries); EventBridge's RetryPolicy only a delivery Lambda refused, which a local invoke never is.
      retryAttempts: options.retryAttempts ?? SCHEDULE_DELIVERY.retryAttempts,
      retryDelaysMs: options.retryDelaysMs ?? ASYNC_RETRY_DELAYS_MS,
      signal: stopping.signal,
      onRetry,
      onFailure: (failure) => onError(failure.error, failure),
    }).finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
  }

  if (options.fireImmediately) {
    // After the caller has its handle, so a synchronous invoke cannot run inside startSchedule.
    queueMicrotask(() => {
      if (!stopped) fire(startedAt);
    });
  }
  arm();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      stopping.abort();
      // Long scheduled invocations (the sweeper keeps sweeping while work is left) are given a grace,
      // not waited out: Ctrl-C should not hang for most of a minute. What they leave, the next run redoes.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(deliveries), new Promise<void>((done) => (grace = setTimeout(done, options.stopGraceMs ?? STOP_GRACE_MS)))]);
      clearTimeout(grace);
    },
    nextFireAt() {
      return stopped || nextAt === undefined ? undefined : new Date(nextAt);
    },
  };
}

function firstFireAfter(schedule: Schedule, start: Date): Date | undefined {
  return schedule.kind === 'rate' ? new Date(start.getTime() + schedule.everyMs) : schedule.next(start);
}

/** The first fire after `fireAt` that is still ahead of `current`, keeping a rate's cadence. */
function fireAfter(schedule: Schedule, fireAt: Date, current: Date): Date | undefined {
  if (schedule.kind === 'cron') return schedule.next(current < fireAt ? fireAt : current);
  const periods = Math.floor((current.getTime() - fireAt.getTime()) / schedule.everyMs) + 1;
  return new Date(fireAt.getTime() + periods * schedule.everyMs);
}

function defaultOnError(ruleName: string): (error: unknown, failure: ScheduleFailure) => void {
  return (error, failure) => {
    process.stderr.write(
      `schedule ${ruleName}: invocation for ${failure.event.time} failed after ${failure.attempts} attempt(s), dropped (${failure.reason}): ${describe(error)}\n`,
    );
  };
}

function defaultOnRetry(ruleName: string): (retry: ScheduleRetry) => void {
  return (retry) => {
    process.stderr.write(`schedule ${ruleName}: attempt ${retry.attempt} for ${retry.event.time} failed, retrying in ${retry.delayMs} ms: ${describe(retry.error)}\n`);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
