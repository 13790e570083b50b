export { deadLetterRecords } from './deadLetterRecord.js';
export { createKafkaBatchHandler, type DecodedRecord, type KafkaBatchHandlerOptions, type PoisonRecord } from './kafkaBatchHandler.js';
export { json, jsonBody } from './http.js';
export { observeHandler, triggerOf } from './observeHandler.js';
