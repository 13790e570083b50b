export { buildScheduledEvent, type ScheduledEventOptions } from './buildScheduledEvent.js';
export { ASYNC_RETRY_DELAYS_MS } from './constants.js';
export { startSchedule } from './startSchedule.js';
export type { ScheduleFailure, ScheduleHandle, ScheduleRetry, StartScheduleOptions } from './types.js';
