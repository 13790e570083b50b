import { buildScheduledEvent } from './buildScheduledEvent.js';
import { MAX_TIMER_MS, STOP_GRACE_MS } from './constants.js';
import { parseSchedule } from './parseSchedule.js';
import type { Schedule, ScheduleHandle, StartScheduleOptions } from './types.js';

/**
 * Fires `invoke` with a "Scheduled Event" on an EventBridge schedule, in UTC. A rate schedule first fires
 * one period after it starts, as a new rule does
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html), unless
 * `fireImmediately` asks for a run right away. Invocations of one schedule never overlap: a fire that comes
 * while the previous invocation is still running is skipped (`onSkip`). A rejected invoke goes to `onError`
 * and the schedule carries on; EventBridge's own retries of async invokes are the invoker's business.
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
  const startedAt = now();
  let nextAt = firstFireAfter(schedule, startedAt);
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
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
    if (inFlight) {
      options.onSkip?.(at);
      return;
    }
    const event = buildScheduledEvent({ ruleName: options.ruleName, time: at, region: options.region, account: options.account });
    inFlight = (async () => {
      try {
        await options.invoke(event);
      } catch (error) {
        report(onError, error);
      }
    })().finally(() => {
      inFlight = undefined;
    });
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
      // A long scheduled invocation (the sweeper keeps sweeping while work is left) is given a grace,
      // not waited out: Ctrl-C should not hang for most of a minute. What it leaves, the next run redoes.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([inFlight, new Promise<void>((done) => (grace = setTimeout(done, options.stopGraceMs ?? STOP_GRACE_MS)))]);
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

function report(onError: (error: unknown) => void, error: unknown): void {
  try {
    onError(error);
  } catch {
    // A failing error reporter must not stop the schedule.
  }
}

function defaultOnError(ruleName: string): (error: unknown) => void {
  return (error) => {
    process.stderr.write(`schedule ${ruleName}: invocation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  };
}
