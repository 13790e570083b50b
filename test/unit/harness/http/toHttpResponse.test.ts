import { describe, expect, it } from 'vitest';
import { toHttpResponse } from '../../../../local/harness/http/index.js';

const json = { 'content-type': 'application/json' };
const internalError = { statusCode: 500, headers: json, body: '{"message":"Internal Server Error"}', cookies: [] };

function read(result: unknown) {
  const response = toHttpResponse(result);
  return { ...response, body: response.body.toString('utf8') };
}

const circular: Record<string, unknown> = {};
circular.self = circular;

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.v2
describe('toHttpResponse', () => {
  it.each([
    ['a string is the body itself (the docs example)', 'Hello from Lambda!', 'Hello from Lambda!'],
    ['an object without statusCode is JSON (the docs example)', { message: 'Hello from Lambda!' }, '{"message":"Hello from Lambda!"}'],
    ['an object with a body but no statusCode is still the whole result', { body: 'x' }, '{"body":"x"}'],
    ['an array', [1, 2], '[1,2]'],
    ['a number', 42, '42'],
    ['a boolean', true, 'true'],
    ['null', null, 'null'],
    ['undefined, which the Node.js runtime sends as null', undefined, 'null'],
  ])('infers 200 application/json for %s', (_story, result, body) => {
    expect(read(result)).toEqual({ statusCode: 200, headers: json, body, cookies: [] });
  });

  it.each([
    [
      'status, headers and body as given',
      { statusCode: 201, headers: { 'Content-Type': 'application/json', 'x-count': 3 }, body: '{"id":"t1"}' },
      { statusCode: 201, headers: { 'Content-Type': 'application/json', 'x-count': '3' }, body: '{"id":"t1"}', cookies: [] },
    ],
    [
      'no body and no content-type: empty text/plain',
      { statusCode: 204 },
      { statusCode: 204, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '', cookies: [] },
    ],
    [
      'a numeric string status, a null header skipped',
      { statusCode: '302', headers: { location: '/tasks/t1', 'x-skip': null } },
      { statusCode: 302, headers: { location: '/tasks/t1', 'content-type': 'text/plain; charset=utf-8' }, body: '', cookies: [] },
    ],
    [
      'cookies, each its own set-cookie',
      { statusCode: 200, headers: json, body: 'ok', cookies: ['a=1; Path=/', 'b=2'] },
      { statusCode: 200, headers: json, body: 'ok', cookies: ['a=1; Path=/', 'b=2'] },
    ],
    [
      'a base64 body decoded',
      { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'aGk=', isBase64Encoded: true },
      { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hi', cookies: [] },
    ],
    ['statusCode below 100', { statusCode: 99 }, internalError],
    ['statusCode not a number', { statusCode: 'ok' }, internalError],
    ['an object body', { statusCode: 200, body: { id: 't1' } }, internalError],
    ['headers not an object', { statusCode: 200, headers: 'content-type: text/plain' }, internalError],
    ['a header that is an object', { statusCode: 200, headers: { 'x-a': { b: 1 } } }, internalError],
    ['a result that cannot be JSON', circular, internalError],
    ['a bigint', 1n, internalError],
  ])('maps a structured or broken result: %s', (_story, result, expected) => {
    expect(read(result)).toEqual(expected);
  });

  it('keeps binary bytes intact', () => {
    const bytes = Buffer.from([0, 128, 255]);

    const response = toHttpResponse({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: bytes.toString('base64'), isBase64Encoded: true });

    expect(response.body).toEqual(bytes);
  });
});
