import { GATEWAY_RESPONSES, type GatewayResponseKind } from './constants.js';
import type { HttpResponse } from './types.js';

/** A response API Gateway makes itself, e.g. 404 `{"message":"Not Found"}`. */
export function gatewayResponse(kind: GatewayResponseKind): HttpResponse {
  const { statusCode, message } = GATEWAY_RESPONSES[kind];
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ message })),
    cookies: [],
  };
}
