import type { ScheduledEvent } from 'aws-lambda';

/**
 * A parsed schedule expression. A rate fires every `everyMs` from when the schedule starts; a cron
 * expression's `next(after)` is its first fire time strictly after `after`, or `undefined` when its year
 * field has no fire time left.
 */
export type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; next(after: Date): Date | undefined };

export interface StartScheduleOptions {
  /** Becomes the rule ARN in the event's `resources`; the harness passes the function id. */
  readonly ruleName: string;
  /** `rate(...)` or `cron(...)`, as in the manifest. */
  readonly expression: string;
  /** Called once per fire. May reject: the schedule reports it and goes on (EventBridge retries async invokes itself). */
  readonly invoke: (event: ScheduledEvent) => Promise<void>;
  /** Told of each rejected or throwing invoke. @default writes the error to stderr */
  readonly onError?: (error: unknown) => void;
  /** Told of each fire skipped because the previous invocation of this schedule was still running. */
  readonly onSkip?: (scheduledAt: Date) => void;
  /**
   * Fire once right away, then keep to the schedule: the harness's "run now" for local development.
   * EventBridge itself first fires a rate rule one period after it is created.
   * @default false
   */
  readonly fireImmediately?: boolean;
  /** @default 'local' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly account?: string;
  /** The clock, for tests. @default () => new Date() */
  readonly now?: () => Date;
  /** How long `stop()` waits for a running invocation before leaving it. @default STOP_GRACE_MS (5 s) */
  readonly stopGraceMs?: number;
}

export interface ScheduleHandle {
  /** Stops firing and resolves once the invocation in flight, if any, has settled. */
  stop(): Promise<void>;
  /** When the schedule fires next; `undefined` once stopped or when a cron expression has no fire time left. */
  nextFireAt(): Date | undefined;
}
