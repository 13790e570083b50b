import { describe, expect, it } from 'vitest';
import { nextFires } from './fixtures.js';

// Fire times are UTC and strictly after the reference time. Calendars checked by hand: 2024 is a leap
// year, 1 Jan 2024 is a Monday, 15 Jun 2024 a Saturday, 15 Sep 2024 a Sunday.
describe('cron next fire times', () => {
  it.each([
    ['every 15 minutes from :00 (0/15)', 'cron(0/15 * * * ? *)', '2024-01-01T00:07:30Z', ['00:15', '00:30', '00:45', '01:00'].map((t) => `2024-01-01T${t}:00.000Z`)],
    ['daily at 10:00, strictly after a fire time', 'cron(0 10 * * ? *)', '2024-01-01T10:00:00Z', ['2024-01-02T10:00:00.000Z', '2024-01-03T10:00:00.000Z']],
    ['weekdays at 18:00 (MON-FRI range), from a Friday', 'cron(0 18 ? * MON-FRI *)', '2024-01-05T18:00:00Z', ['2024-01-08T18:00:00.000Z', '2024-01-09T18:00:00.000Z', '2024-01-10T18:00:00.000Z']],
    ['a range with an increment (5-10/5)', 'cron(5-10/5 1 * * ? *)', '2024-01-01T00:00:00Z', ['2024-01-01T01:05:00.000Z', '2024-01-01T01:10:00.000Z', '2024-01-02T01:05:00.000Z']],
    ['last day of the month (L), leap February', 'cron(15 12 L * ? *)', '2024-01-01T00:00:00Z', ['2024-01-31T12:15:00.000Z', '2024-02-29T12:15:00.000Z', '2024-03-31T12:15:00.000Z', '2024-04-30T12:15:00.000Z']],
    ['last weekday of the month (LW)', 'cron(0 12 LW * ? *)', '2024-03-01T00:00:00Z', ['2024-03-29T12:00:00.000Z', '2024-04-30T12:00:00.000Z', '2024-05-31T12:00:00.000Z', '2024-06-28T12:00:00.000Z']],
    ['weekday nearest the 15th (15W)', 'cron(0 0 15W * ? *)', '2024-06-01T00:00:00Z', ['2024-06-14T00:00:00.000Z', '2024-07-15T00:00:00.000Z', '2024-08-15T00:00:00.000Z', '2024-09-16T00:00:00.000Z']],
    ['last Friday of the month (6L)', 'cron(0 8 ? * 6L *)', '2024-01-01T00:00:00Z', ['2024-01-26T08:00:00.000Z', '2024-02-23T08:00:00.000Z', '2024-03-29T08:00:00.000Z', '2024-04-26T08:00:00.000Z']],
    ['L alone in day-of-week is Saturday', 'cron(0 0 ? * L *)', '2024-01-01T00:00:00Z', ['2024-01-06T00:00:00.000Z', '2024-01-13T00:00:00.000Z']],
    ['second Tuesday of the month (3#2)', 'cron(0 9 ? * 3#2 *)', '2024-01-01T00:00:00Z', ['2024-01-09T09:00:00.000Z', '2024-02-13T09:00:00.000Z', '2024-03-12T09:00:00.000Z', '2024-04-09T09:00:00.000Z']],
    ['1 is Sunday, not Monday', 'cron(0 0 ? * 1 *)', '2024-01-01T00:00:00Z', ['2024-01-07T00:00:00.000Z', '2024-01-14T00:00:00.000Z']],
    ['month and weekday names in lists', 'cron(30 9 ? JAN,JUL MON *)', '2024-01-29T10:00:00Z', ['2024-07-01T09:30:00.000Z', '2024-07-08T09:30:00.000Z']],
  ])('%s: %s', (_story, expression, from, expected) => {
    expect(nextFires(expression, from, expected.length)).toEqual(expected);
  });

  it.each([
    ['a year range, then nothing', 'cron(0 12 1 1 ? 2026-2027)', ['2026-01-01T12:00:00.000Z', '2027-01-01T12:00:00.000Z']],
    ['only past years: never', 'cron(0 12 1 1 ? 2020)', []],
  ])('%s: %s', (_story, expression, expected) => {
    expect(nextFires(expression, '2024-01-01T00:00:00Z', 5)).toEqual(expected);
  });
});
