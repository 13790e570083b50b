export { batchItemFailures, type KafkaBatchResponse, type KafkaItemIdentifier } from './batchItemFailures.js';
export { callerOf } from './callerOf.js';
export { checkBodySize } from './bodySize.js';
export { deadLetterRecords, type RecordFailure } from './deadLetterRecord.js';
export { createKafkaBatchHandler, HANDLER_ERROR, type DecodedRecord, type KafkaBatchHandlerOptions, type PoisonRecord } from './kafkaBatchHandler.js';
export { json, jsonBody, serviceUnavailable } from './http.js';
export { httpHandler, type HttpHandlerOptions } from './httpHandler.js';
export { observeHandler, triggerOf } from './observeHandler.js';
