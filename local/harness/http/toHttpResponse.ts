import { HttpResponseInvalidError } from './errors.js';
import { gatewayResponse } from './gatewayResponse.js';
import { readLambdaResult } from './readLambdaResult.js';
import type { HttpResponse } from './types.js';

/**
 * The HTTP response API Gateway (payload format 2.0) sends for a handler's result; a structured result it
 * cannot map becomes its 500 `{"message":"Internal Server Error"}`.
 *
 * @example
 * toHttpResponse({ statusCode: 201, body: '{"id":"t1"}', headers: { 'content-type': 'application/json' } });
 * toHttpResponse({ id: 't1' }); // 200, application/json, body '{"id":"t1"}'
 */
export function toHttpResponse(result: unknown): HttpResponse {
  try {
    return readLambdaResult(result);
  } catch (error) {
    if (error instanceof HttpResponseInvalidError) return gatewayResponse('internalError');
    throw error;
  }
}
