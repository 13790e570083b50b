export { decodeMessage, fromMskRecord, headerValue, readMskEvent } from './decode.js';
export { fromKafkaJsMessage } from './fromKafkaJs.js';
export { buildMskEvent, LOCAL_EVENT_SOURCE, toMskRecord } from './encode.js';
export { mskEventSchema, mskRecordSchema } from './schema.js';
export type { KafkaRecord, MskEvent, MskEventSource, MskRecord } from './types.js';
