import { describe, expect, it } from 'vitest';
import { parseSchedule, ScheduleExpressionInvalidError } from '../../../../lib/triggers/index.js';

// Rules from https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html and
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
describe('parseSchedule', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(12 hours)', 43_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(7 days)', 604_800_000],
  ])('reads %s as a period of %i ms', (expression, everyMs) => {
    expect(parseSchedule(expression)).toEqual({ kind: 'rate', everyMs });
  });

  // The examples table of the cron expressions reference, plus the forms the manifest documents.
  it.each([
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(0 12 L * ? *)',
    'cron(0 12 LW * ? *)',
    'cron(0 12 15W * ? *)',
    'cron(0 12 ? * 6L *)',
    'cron(0 12 ? * L *)',
    'cron(0 12 1,15 JAN,JUL ? 2025-2030)',
    'cron(*/5 * * * ? *)',
    'cron(0 12 ? * sun *)',
  ])('accepts %s', (expression) => {
    expect(parseSchedule(expression).kind).toBe('cron');
  });

  it.each([
    ['rate(1 minutes)', 'the unit must be singular when the value is 1: "minute", not "minutes"'],
    ['rate(5 minute)', 'the unit must be plural when the value is greater than 1: "minutes", not "minute"'],
    ['rate(1 days)', 'the unit must be singular when the value is 1: "day", not "days"'],
    ['rate(0 minutes)', 'the value must be a positive whole number; got "0"'],
    ['rate(-1 minutes)', 'the value must be a positive whole number; got "-1"'],
    ['rate(1.5 hours)', 'the value must be a positive whole number; got "1.5"'],
    ['rate(30 seconds)', 'the unit must be minute(s), hour(s) or day(s); got "seconds"'],
    ['rate(2 weeks)', 'the unit must be minute(s), hour(s) or day(s); got "weeks"'],
    ['rate(5)', 'expected rate(<value> <unit>), e.g. rate(5 minutes)'],
    ['every 5 minutes', 'expected rate(<value> <unit>) or cron(<six fields>)'],
    ['cron(0 12 * * ? *', 'expected cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)'],
    ['cron(0 12 * * *)', 'expected 6 fields (minutes hours day-of-month month day-of-week year); got 5'],
    ['cron(0 0 12 * * ? *)', 'expected 6 fields (minutes hours day-of-month month day-of-week year); got 7'],
    ['cron()', 'expected 6 fields (minutes hours day-of-month month day-of-week year); got 0'],
    ['cron(0 12 * * MON *)', 'one of day-of-month and day-of-week must be "?"'],
    ['cron(0 12 ? * ? *)', 'day-of-month and day-of-week cannot both be "?"'],
    ['cron(? 12 * * ? *)', 'minutes: "?" is only allowed in day-of-month and day-of-week'],
    ['cron(60 12 * * ? *)', 'minutes: "60" is not 0-59'],
    ['cron(0 24 * * ? *)', 'hours: "24" is not 0-23'],
    ['cron(0 12 0 * ? *)', 'day-of-month: "0" is not 1-31'],
    ['cron(0 12 32 * ? *)', 'day-of-month: "32" is not 1-31'],
    ['cron(0 12 ? 13 MON *)', 'month: "13" is not 1-12 or JAN-DEC'],
    ['cron(0 12 ? FOO MON *)', 'month: "FOO" is not 1-12 or JAN-DEC'],
    ['cron(0 12 ? * 0 *)', 'day-of-week: "0" is not 1-7 or SUN-SAT'],
    ['cron(0 12 ? * 8 *)', 'day-of-week: "8" is not 1-7 or SUN-SAT'],
    ['cron(0 12 * * ? 1969)', 'year: "1969" is not 1970-2199'],
    ['cron(0 12 * * ? 2200)', 'year: "2200" is not 1970-2199'],
    ['cron(0 12 ? * 3#1,6#3 *)', 'day-of-week: "#" takes a single expression such as 3#2, not a list ("3#1,6#3")'],
    ['cron(0 12 ? * 3#6 *)', 'day-of-week: the week after "#" must be 1-5; got "6"'],
    ['cron(0 12 ? * MON/2 *)', 'day-of-week: "/" increments are not allowed here'],
    ['cron(0 12 ? * 2W *)', 'day-of-week: "2W" uses L, W or # where EventBridge does not allow it'],
    ['cron(0 12 5L * ? *)', 'day-of-month: "5L" uses L, W or # where EventBridge does not allow it'],
    ['cron(0 L * * ? *)', 'hours: "L" uses L, W or # where EventBridge does not allow it'],
    ['cron(0/0 * * * ? *)', 'minutes: the increment after "/" must be a positive whole number; got "0"'],
    ['cron(0 20-10 * * ? *)', 'hours: the range "20-10" starts after it ends'],
    ['cron(0 1,,2 * * ? *)', 'hours: "" is not a value, range or increment'],
    ['cron(0 1-2-3 * * ? *)', 'hours: "1-2-3" is not a value, range or increment'],
  ])('rejects %s: %s', (expression, reason) => {
    const error = captureError(() => parseSchedule(expression));

    expect(error).toBeInstanceOf(ScheduleExpressionInvalidError);
    expect(error).toMatchObject({ name: 'ScheduleExpressionInvalidError', expression, reason, retriable: false });
    expect((error as Error).message).toBe(`invalid schedule expression "${expression}": ${reason}`);
  });
});

function captureError(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
