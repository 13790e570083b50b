export { consumerGroupOf, defineAgent, functionId, handlerPath } from './defineAgent.js';
export { ManifestInvalidError } from './errors.js';
export { currentScope, FUNCTION_ENV, PRODUCES_ENV, runInScope, type InvocationScope } from './invocationScope.js';
export { SYNTOR_KAFKA_TRIGGER_DEFAULTS } from './kafkaTriggerDefaults.js';
export { producedTopics } from './producedTopics.js';
export { appliedBatchingWindowMs, effectiveRetryAttempts, hasOnFailureDestination, lambdaBatchingWindow, LAMBDA_DEFAULT_WINDOW_MS } from './kafkaErrorHandling.js';
