import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpRoute, json, jsonRequestBody, parsedBody } from '../../../../lib/handlers/index.js';
import { httpEvent } from './httpEvents.js';

const context = {} as Context;
const echo = httpRoute(async (event: APIGatewayProxyEventV2) => json(200, { body: parsedBody(event) })).use(jsonRequestBody({ limitBytes: 1_000 }));
const post = (body: string | undefined, isBase64Encoded = false) => echo(httpEvent('POST /tasks', '/tasks', { ...(body === undefined ? {} : { body }), isBase64Encoded }), context);
const bodyOf = (response: { body?: string }) => JSON.parse(response.body ?? '{}') as Record<string, unknown>;

describe('jsonRequestBody', () => {
  it('hands the handler the parsed body, whatever the content type says', async () => {
    const response = await post('{"type":"compute","payload":{"n":[1,2]}}');

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ body: { type: 'compute', payload: { n: [1, 2] } } });
  });

  it('reads a base64-encoded body', async () => {
    const response = await post(Buffer.from('{"a":1}').toString('base64'), true);

    expect(bodyOf(response)).toEqual({ body: { a: 1 } });
  });

  it.each([
    ['no body', undefined, /^The request has no body; send a JSON object\.$/],
    ['an empty body', '', /^The request has no body/],
    ['a NUL character', '{"type":"a\\u0000b"}', /NUL character/],
    ['nesting 100 deep', `${'['.repeat(100)}${']'.repeat(100)}`, /nests deeper than 64 levels/],
    ['text that is not JSON', '{"type":', /^The body is not valid JSON: /],
  ])('answers 400 { message } for %s', async (_, body, message) => {
    const response = await post(body);

    expect(response.statusCode).toBe(400);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    expect(bodyOf(response).message).toMatch(message);
  });

  it('answers 413 naming the size and the limit before parsing anything', async () => {
    const response = await post(`"${'x'.repeat(1_000)}"`);

    expect(response.statusCode).toBe(413);
    expect(bodyOf(response)).toEqual({ message: 'The request body is 1002 bytes; the limit is 1000 bytes', limitBytes: 1_000 });
  });

  it('leaves other errors of the handler alone', async () => {
    const failing = httpRoute(async () => {
      throw new RangeError('a bug');
    }).use(jsonRequestBody({ limitBytes: 1_000 }));

    await expect(failing(httpEvent('POST /tasks', '/tasks', { body: '{}' }), context)).rejects.toThrow(RangeError);
  });
});
