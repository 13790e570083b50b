export { consumerGroupOf, defineAgent, functionId, handlerPath } from './defineAgent.js';
export { ManifestInvalidError } from './errors.js';
