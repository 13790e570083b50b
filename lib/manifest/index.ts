export { consumerGroupOf, defineAgent, functionId, handlerPath } from './defineAgent.js';
export { ManifestInvalidError } from './errors.js';
export { SYNTOR_KAFKA_TRIGGER_DEFAULTS } from './kafkaTriggerDefaults.js';
