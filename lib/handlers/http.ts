import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** The request body as JSON, or a 400 response saying why it is not. */
export function jsonBody(event: APIGatewayProxyEventV2): { ok: true; body: unknown } | { ok: false; response: APIGatewayProxyStructuredResultV2 } {
  if (!event.body) return { ok: false, response: json(400, { message: 'The request has no body; send a JSON object.' }) };
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    return { ok: false, response: json(400, { message: `The body is not valid JSON: ${(error as Error).message}` }) };
  }
}
