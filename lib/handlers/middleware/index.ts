export { dispatchAfter, type DispatchAfterContext, type DispatchAfterOptions } from './dispatchAfter.js';
export { deadlineOf, invocationDeadline, type InvocationDeadline, type InvocationDeadlineOptions } from './invocationDeadline.js';
export { jsonRequestBody, parsedBody, type JsonRequestBodyOptions } from './jsonRequestBody.js';
export { kafkaBatch } from './kafkaBatch.js';
export { inInvocation, inInvocationSpan, invocationTraceContext, observability } from './observability.js';
export { outageTo503, type OutageTo503Options } from './outageTo503.js';
