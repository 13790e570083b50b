export { deadLetterRecords } from './deadLetterRecord.js';
export { createKafkaBatchHandler, type DecodedRecord, type KafkaBatchHandlerOptions } from './kafkaBatchHandler.js';
export { json, jsonBody } from './http.js';
