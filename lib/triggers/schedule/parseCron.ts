import { Cron } from 'croner';
import { CRON_FIELDS, DAY_OF_MONTH, DAY_OF_WEEK } from './cronFields.js';
import { ScheduleExpressionInvalidError } from './errors.js';
import { parseCronField } from './parseCronField.js';
import type { Schedule } from './types.js';

const CRON = /^cron\((.*)\)$/s;

/**
 * `cron(minutes hours day-of-month month day-of-week year)`, evaluated in UTC as EventBridge does.
 * Exactly one of day-of-month and day-of-week must be `?`: "If you specify a value or * in one of the
 * fields, you must use a ? in the other" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html).
 * The rules EventBridge adds to Quartz syntax are checked here; croner (Quartz weekday numbering, year
 * field) computes the fire times.
 */
export function parseCron(expression: string): Extract<Schedule, { kind: 'cron' }> {
  const match = CRON.exec(expression);
  if (!match) throw new ScheduleExpressionInvalidError(expression, 'expected cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)');
  const fields = (match[1] ?? '').trim().split(/\s+/);
  if (fields.length !== CRON_FIELDS.length) {
    throw new ScheduleExpressionInvalidError(
      expression,
      `expected 6 fields (minutes hours day-of-month month day-of-week year); got ${fields[0] === '' ? 0 : fields.length}`,
    );
  }
  const dayOfMonth = fields[DAY_OF_MONTH];
  const dayOfWeek = fields[DAY_OF_WEEK];
  if (dayOfMonth === '?' && dayOfWeek === '?') {
    throw new ScheduleExpressionInvalidError(expression, 'day-of-month and day-of-week cannot both be "?"');
  }
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    throw new ScheduleExpressionInvalidError(expression, 'one of day-of-month and day-of-week must be "?"');
  }
  const rewritten = CRON_FIELDS.map((spec, i) => parseCronField(expression, spec, fields[i] ?? ''));
  let cron: Cron;
  try {
    // Seconds first: EventBridge fires on the minute.
    cron = new Cron(`0 ${rewritten.join(' ')}`, { mode: '7-part', alternativeWeekdays: true, timezone: 'Etc/UTC' });
  } catch (error) {
    throw new ScheduleExpressionInvalidError(expression, (error as Error).message, { cause: error });
  }
  return { kind: 'cron', next: (after) => cron.nextRun(after) ?? undefined };
}
