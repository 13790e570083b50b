export { createKafka } from './client.js';
export * from './errors.js';
export * from './msk/index.js';
export { createProducer, HEADERS, type PublishOptions, type SyntorProducer } from './producer.js';
export { ensureTopics, type EnsureTopicsOptions, type EnsureTopicsResult } from './topics.js';
export { isTraceparent, newTraceparent, traceIdOf } from './traceparent.js';
