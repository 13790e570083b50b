export { deadLetterRecords } from './deadLetterRecord.js';
export { createKafkaBatchHandler, type DecodedRecord, type KafkaBatchHandlerOptions, type PoisonRecord } from './kafkaBatchHandler.js';
export { json, jsonBody, serviceUnavailable } from './http.js';
export { httpHandler, type HttpHandlerOptions } from './httpHandler.js';
export { observeHandler, triggerOf } from './observeHandler.js';
