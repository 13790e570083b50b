import { describe, expect, it } from 'vitest';
import { buildHttpEvent } from '../../../../local/harness/http/index.js';
import { httpRequest, route } from './fixtures.js';

// The 2.0 event of https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
describe('buildHttpEvent', () => {
  it('builds the payload format 2.0 event for a GET with path and query parameters', () => {
    const event = buildHttpEvent(
      httpRequest({
        rawPath: '/tasks/a%20b',
        rawQueryString: 'status=open&status=done&q=x%20y',
        pathParameters: { id: 'a b' },
      }),
    );

    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /tasks/{id}',
      rawPath: '/tasks/a%20b',
      rawQueryString: 'status=open&status=done&q=x%20y',
      headers: {
        host: '127.0.0.1:3000',
        'user-agent': 'vitest',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
        'x-amzn-trace-id': expect.stringMatching(/^Root=1-5e6a879e-[0-9a-f]{24}$/),
      },
      queryStringParameters: { status: 'open,done', q: 'x y' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: '127.0.0.1:3000',
        domainPrefix: '127.0.0.1',
        http: { method: 'GET', path: '/tasks/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: 'GET /tasks/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: 1584039838390,
      },
      pathParameters: { id: 'a b' },
      isBase64Encoded: false,
    });
  });

  it('lower-cases header names, joins repeated headers with commas and moves cookies to `cookies`', () => {
    const event = buildHttpEvent(
      httpRequest({
        headers: { Host: 'api.example.com', 'X-Tag': ['a', 'b'], Cookie: ['session=1; theme=dark', 'lang=en'], Accept: '*/*' },
      }),
    );

    expect(event.headers).toMatchObject({ host: 'api.example.com', 'x-tag': 'a,b', accept: '*/*' });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.cookies).toEqual(['session=1', 'theme=dark', 'lang=en']);
    expect(event.requestContext).toMatchObject({ domainName: 'api.example.com', domainPrefix: 'api' });
  });

  it('leaves out cookies, query parameters, path parameters and body the request does not have', () => {
    const event = buildHttpEvent(httpRequest({ route: route('GET', '/tasks'), rawPath: '/tasks', pathParameters: {} }));

    expect(Object.keys(event)).toEqual(['version', 'routeKey', 'rawPath', 'rawQueryString', 'headers', 'requestContext', 'isBase64Encoded']);
  });

  it('appends the client address to an x-forwarded-for the client sent', () => {
    const event = buildHttpEvent(httpRequest({ headers: { 'x-forwarded-for': '203.0.113.7' }, sourceIp: '10.0.0.2' }));

    expect(event.headers['x-forwarded-for']).toBe('203.0.113.7, 10.0.0.2');
  });

  it.each([
    ['application/json', false, '{"title":"write tests"}', '{"title":"write tests"}'],
    ['application/json; charset=utf-8', false, '{"a":"é"}', '{"a":"é"}'],
    ['text/plain', false, 'hello', 'hello'],
    ['application/xml', false, '<a/>', '<a/>'],
    ['application/octet-stream', true, 'hello', 'aGVsbG8='],
    ['application/x-www-form-urlencoded', true, 'a=1', 'YT0x'],
    [undefined, true, 'hello', 'aGVsbG8='],
  ])('a %s body arrives with isBase64Encoded %s', (contentType, isBase64Encoded, body, expected) => {
    const event = buildHttpEvent(
      httpRequest({
        method: 'POST',
        route: route('POST', '/tasks'),
        rawPath: '/tasks',
        pathParameters: {},
        headers: contentType === undefined ? {} : { 'content-type': contentType },
        body: Buffer.from(body),
      }),
    );

    expect(event).toMatchObject({ body: expected, isBase64Encoded });
  });

  it('keeps binary bytes intact through base64', () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);

    const event = buildHttpEvent(httpRequest({ headers: { 'content-type': 'image/png' }, body: bytes }));

    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });
});
