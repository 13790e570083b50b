export { buildScheduledEvent, type ScheduledEventOptions } from './buildScheduledEvent.js';
export { ScheduleExpressionInvalidError } from './errors.js';
export { parseSchedule } from './parseSchedule.js';
export { startSchedule } from './startSchedule.js';
export type { Schedule, ScheduleHandle, StartScheduleOptions } from './types.js';
