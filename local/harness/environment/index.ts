export { createEnvironmentPool, type EnvironmentPool, type EnvironmentPoolOptions, type EnvironmentPoolStats } from './createEnvironmentPool.js';
export { aggregateMetrics } from './aggregateMetrics.js';
export { EnvironmentCrashedError, EnvironmentInitError, HandlerResultNotJsonError } from './errors.js';
export { recordsInvokeOf, type RecordsInvoke } from './recordsInvoke.js';
