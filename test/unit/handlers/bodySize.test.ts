import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { checkBodySize } from '../../../lib/handlers/index.js';

const event = (body: string | undefined, isBase64Encoded = false) => ({ body, isBase64Encoded }) as APIGatewayProxyEventV2;

describe('checkBodySize', () => {
  it.each([
    ['no body', event(undefined)],
    ['a body at the limit', event('x'.repeat(10))],
    ['a base64 body whose bytes are at the limit', event(Buffer.alloc(10).toString('base64'), true)],
  ])('lets %s through', (_name, e) => {
    expect(checkBodySize(e, 10)).toEqual({ ok: true });
  });

  it('answers 413 naming the size and the limit for one byte more (UTF-8 bytes, not characters)', () => {
    const result = checkBodySize(event('é'.repeat(5) + 'x'), 10);

    expect(result.ok).toBe(false);
    const { response } = result as { response: { statusCode: number; body: string } };
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ message: 'The request body is 11 bytes; the limit is 10 bytes', limitBytes: 10 });
  });
});
