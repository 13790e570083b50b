import type { ScheduledEvent } from 'aws-lambda';
import { parseSchedule } from '../../../../local/harness/schedule/index.js';

/** The next `count` fire times of a cron expression after `from`, as ISO strings; stops early when none are left. */
export function nextFires(expression: string, from: string, count: number): string[] {
  const schedule = parseSchedule(expression);
  if (schedule.kind !== 'cron') throw new Error(`${expression} is not a cron expression`);
  const fires: string[] = [];
  let after: Date | undefined = new Date(from);
  while (fires.length < count && (after = schedule.next(after)) !== undefined) fires.push(after.toISOString());
  return fires;
}

/** A promise whose settling the test controls. */
export function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An invoke that records the events it receives and answers with `respond` (resolves by default). */
export function recordingInvoke(respond: (event: ScheduledEvent) => Promise<void> = async () => {}) {
  const events: ScheduledEvent[] = [];
  const invoke = (event: ScheduledEvent) => {
    events.push(event);
    return respond(event);
  };
  return { events, invoke, times: () => events.map((event) => event.time) };
}
