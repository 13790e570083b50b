import { ScheduleExpressionInvalidError } from './errors.js';
import { parseCron } from './parseCron.js';
import { parseRate } from './parseRate.js';
import type { Schedule } from './types.js';

/**
 * Parses an EventBridge schedule expression.
 *
 * @example
 * parseSchedule('rate(5 minutes)'); // { kind: 'rate', everyMs: 300_000 }
 * parseSchedule('cron(0 12 ? * MON-FRI *)').next(new Date('2024-01-06T00:00:00Z')); // 2024-01-08T12:00:00Z
 *
 * @throws ScheduleExpressionInvalidError for anything EventBridge would reject.
 */
export function parseSchedule(expression: string): Schedule {
  if (expression.startsWith('rate(')) return parseRate(expression);
  if (expression.startsWith('cron(')) return parseCron(expression);
  throw new ScheduleExpressionInvalidError(expression, 'expected rate(<value> <unit>) or cron(<six fields>)');
}
