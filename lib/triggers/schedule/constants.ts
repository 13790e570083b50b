/**
 * Where each rule this package checks is written down. Comments elsewhere cite these by name.
 */
export const DOCS = {
  /** `rate(value unit)`: positive value, singular unit for 1 and plural above; starts when the rule is created. */
  rateExpressions: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html',
  /** Six fields, per-field values and wildcards, the `?` rule for day-of-month / day-of-week, UTC. */
  cronExpressions: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html',
} as const;

export const RATE_UNIT_MS = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
} as const;

export type RateUnit = keyof typeof RATE_UNIT_MS;

export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** EventBridge numbers days of the week 1-7 from Sunday (Quartz style), not 0-6 as Unix cron does. */
export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
