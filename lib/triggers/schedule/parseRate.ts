import { RATE_UNIT_MS, type RateUnit } from './constants.js';
import { ScheduleExpressionInvalidError } from './errors.js';
import type { Schedule } from './types.js';

const RATE = /^rate\(\s*(\S+)\s+(\S+)\s*\)$/;

/**
 * `rate(value unit)`: a positive whole value; `minute`/`hour`/`day` when the value is 1 and the plural
 * above it, so `rate(1 minutes)` and `rate(5 minute)` are rejected as EventBridge rejects them
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html).
 */
export function parseRate(expression: string): Extract<Schedule, { kind: 'rate' }> {
  const match = RATE.exec(expression);
  if (!match) throw new ScheduleExpressionInvalidError(expression, 'expected rate(<value> <unit>), e.g. rate(5 minutes)');
  const [, valueText = '', unitText = ''] = match;
  if (!/^\d+$/.test(valueText)) {
    throw new ScheduleExpressionInvalidError(expression, `the value must be a positive whole number; got "${valueText}"`);
  }
  const value = Number(valueText);
  if (value < 1 || !Number.isSafeInteger(value)) {
    throw new ScheduleExpressionInvalidError(expression, `the value must be a positive whole number; got "${valueText}"`);
  }
  const singular = unitText.replace(/s$/, '');
  if (!(singular in RATE_UNIT_MS)) {
    throw new ScheduleExpressionInvalidError(expression, `the unit must be minute(s), hour(s) or day(s); got "${unitText}"`);
  }
  const expected = value === 1 ? singular : `${singular}s`;
  if (unitText !== expected) {
    const which = value === 1 ? 'singular when the value is 1' : 'plural when the value is greater than 1';
    throw new ScheduleExpressionInvalidError(expression, `the unit must be ${which}: "${expected}", not "${unitText}"`);
  }
  return { kind: 'rate', everyMs: value * RATE_UNIT_MS[singular as RateUnit] };
}
