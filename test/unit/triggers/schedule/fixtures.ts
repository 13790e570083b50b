import { parseSchedule } from '../../../../lib/triggers/index.js';

/** The next `count` fire times of a cron expression after `from`, as ISO strings; stops early when none are left. */
export function nextFires(expression: string, from: string, count: number): string[] {
  const schedule = parseSchedule(expression);
  if (schedule.kind !== 'cron') throw new Error(`${expression} is not a cron expression`);
  const fires: string[] = [];
  let after: Date | undefined = new Date(from);
  while (fires.length < count && (after = schedule.next(after)) !== undefined) fires.push(after.toISOString());
  return fires;
}
