export { buildScheduledEvent, type ScheduledEventOptions } from './buildScheduledEvent.js';
export { ASYNC_RETRY_DELAYS_MS } from './constants.js';
export { ScheduleExpressionInvalidError } from './errors.js';
export { parseSchedule } from './parseSchedule.js';
export { startSchedule } from './startSchedule.js';
export type { Schedule, ScheduleFailure, ScheduleHandle, ScheduleRetry, StartScheduleOptions } from './types.js';
