export { ScheduleExpressionInvalidError } from './errors.js';
export { parseSchedule } from './parseSchedule.js';
export type { Schedule } from './types.js';
