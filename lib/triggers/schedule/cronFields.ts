import { MONTH_NAMES, WEEKDAY_NAMES } from './constants.js';

/** One field of an EventBridge cron expression, as the cron expressions reference tabulates it. */
export interface CronFieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for `min`, `min + 1`, … (JAN-DEC, SUN-SAT). */
  readonly names?: readonly string[];
  /** `/` increments; the reference does not list them for day-of-week. */
  readonly steps: boolean;
  /** `?` (any), day-of-month and day-of-week only. */
  readonly any: boolean;
}

/** Field order and allowed values: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html */
export const CRON_FIELDS: readonly CronFieldSpec[] = [
  { name: 'minutes', min: 0, max: 59, steps: true, any: false },
  { name: 'hours', min: 0, max: 23, steps: true, any: false },
  { name: 'day-of-month', min: 1, max: 31, steps: true, any: true },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, steps: true, any: false },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAY_NAMES, steps: false, any: true },
  { name: 'year', min: 1970, max: 2199, steps: true, any: false },
];

export const DAY_OF_MONTH = 2;
export const DAY_OF_WEEK = 4;
