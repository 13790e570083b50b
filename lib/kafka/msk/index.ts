export { decodeMessage, fromMskRecord, headerValue, readMskEvent } from './decode.js';
export { fromKafkaJsMessage } from './fromKafkaJs.js';
export { buildMskEvent, LOCAL_EVENT_SOURCE, localEventSource, toMskRecord } from './encode.js';
export { kafkaEventSchema, mskEventSchema, mskRecordSchema, selfManagedKafkaEventSchema } from './schema.js';
export type { KafkaEvent, KafkaEventSource, KafkaEventSourceKind, KafkaRecord, MskEvent, MskEventSource, MskRecord, SelfManagedEvent, SelfManagedEventSource } from './types.js';
