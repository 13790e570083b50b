export { REDACT_PATHS, REDACTED } from './constants.js';
export { createLogger, getLogger, setDefaultLogDestination, type LoggerOptions, type LogLevel } from './logger.js';
export { taskLogger, type TaskLogFields } from './taskLogger.js';
export type { Logger } from 'pino';
export { CIRCUIT_STATE_VALUE, createPlatformMetrics, createTaskMetrics, definedMetricNames, metricsRegistry, processPlatformMetrics, taskMetrics, type PlatformMetrics, type TaskMetrics } from './metrics.js';
export { createEmfWriter, type EmfDocument, type EmfWriter, type EmfWriterOptions } from './emf.js';
export { SpanKind, tracer, TRACER_NAME, type SpanOptions } from './tracing.js';
export { TraceContext, type ChildSpanOptions } from './traceContext.js';
