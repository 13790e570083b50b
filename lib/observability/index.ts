export { REDACT_PATHS, REDACTED } from './constants.js';
export { createLogger, getLogger, setDefaultLogDestination, type LoggerOptions, type LogLevel } from './logger.js';
export { taskLogger, type TaskLogFields } from './taskLogger.js';
export type { Logger } from 'pino';
