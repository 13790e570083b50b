import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { pinnedLookup } from '../../../lib/capabilities/builtin/httpExchange.js';
import { followRedirect, type HopRequest } from '../../../lib/capabilities/builtin/httpRedirect.js';
import { isSensitiveHeader, redactHeaders } from '../../../lib/capabilities/builtin/redactHeaders.js';
import { encodeResponseBody } from '../../../lib/capabilities/builtin/responseBody.js';

describe('pinnedLookup', () => {
  function lookUp(addresses: string[], options: { all?: boolean; family?: number }) {
    return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) => {
      pinnedLookup(addresses)('anything.example', options, (error, address, family) => resolve({ error, address, family }));
    });
  }

  it('answers with the vetted addresses whatever the host name', async () => {
    expect(await lookUp(['93.184.215.14', '2606:2800::1'], {})).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    expect(await lookUp(['93.184.215.14', '2606:2800::1'], { all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookUp(['93.184.215.14', '2606:2800::1'], { family: 6 })).toEqual({ error: null, address: '2606:2800::1', family: 6 });
  });

  it('fails rather than asking DNS when no vetted address has the family asked for', async () => {
    const { error } = await lookUp(['93.184.215.14'], { family: 6 });

    expect(error?.code).toBe('ENOTFOUND');
  });
});

describe('followRedirect', () => {
  const post: HopRequest = {
    url: new URL('https://api.example.com/items?x=1'),
    method: 'POST',
    headers: { authorization: 'Bearer t', cookie: 'a=b', 'content-type': 'application/json', 'x-trace': '1' },
    body: Buffer.from('{}'),
  };

  it.each([
    [301, 'GET'],
    [302, 'GET'],
    [303, 'GET'],
    [307, 'POST'],
    [308, 'POST'],
  ])('after a POST, %i asks for a %s', (status, method) => {
    const next = followRedirect(post, status, '/other');

    expect(next.method).toBe(method);
    expect(next.url.href).toBe('https://api.example.com/other');
    expect(next.body === undefined).toBe(method === 'GET');
    expect('content-type' in next.headers).toBe(method === 'POST');
  });

  it('keeps HEAD on a 303 and PUT on a 302', () => {
    expect(followRedirect({ ...post, method: 'HEAD' }, 303, '/h').method).toBe('HEAD');
    expect(followRedirect({ ...post, method: 'PUT' }, 302, '/p').method).toBe('PUT');
  });

  it('keeps every header on the same origin and only the allow-listed ones on another', () => {
    const withCustom: HopRequest = { ...post, headers: { ...post.headers, 'x-auth': 's', accept: 'application/json', 'user-agent': 'ua' } };

    expect(followRedirect(withCustom, 307, '/same').headers).toEqual(withCustom.headers);
    expect(followRedirect(withCustom, 307, 'https://other.example.com/').headers).toEqual({ 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'ua' });
    expect(followRedirect(withCustom, 307, 'http://api.example.com/items').headers).not.toHaveProperty('x-auth');
    expect(followRedirect(withCustom, 307, 'https://api.example.com:8443/items').headers).not.toHaveProperty('authorization');
  });
});

describe('redactHeaders', () => {
  it.each(['Authorization', 'proxy-authorization', 'Cookie', 'set-cookie', 'X-API-Key', 'api_key', 'x-auth-token', 'X-Amz-Security-Token', 'x-client-secret', 'x-session-id', 'x-password', 'x-signature', 'x-credentials'])(
    '%s is sensitive',
    (name) => {
      expect(isSensitiveHeader(name)).toBe(true);
    },
  );

  it.each(['content-type', 'accept', 'user-agent', 'x-request-id', 'www-authenticate', 'location'])('%s is not', (name) => {
    expect(isSensitiveHeader(name)).toBe(false);
  });

  it('keeps the names, replaces the values and leaves the input alone', () => {
    const headers = { Authorization: 'Bearer t', accept: 'text/html', 'set-cookie': ['a=1', 'b=2'] };

    expect(redactHeaders(headers)).toEqual({ Authorization: '[REDACTED]', accept: 'text/html', 'set-cookie': '[REDACTED]' });
    expect(headers.Authorization).toBe('Bearer t');
  });
});

describe('encodeResponseBody', () => {
  const utf8 = Buffer.from('héllo', 'utf8');

  it.each([
    'text/plain',
    'text/html; charset=utf-8',
    'application/json',
    'application/problem+json',
    'application/xml',
    'application/atom+xml; charset=UTF-8',
    'application/javascript',
    'image/svg+xml',
  ])('returns %s as text', (contentType) => {
    expect(encodeResponseBody(utf8, contentType, undefined)).toEqual({ body: 'héllo', bodyEncoding: 'text' });
  });

  it.each([
    ['image/png', undefined],
    ['application/octet-stream', undefined],
    ['application/jsonx', undefined],
    [undefined, undefined],
    ['application/json', 'gzip'],
  ])('returns %s (content-encoding %s) as base64', (contentType, encoding) => {
    expect(encodeResponseBody(utf8, contentType, encoding)).toEqual({ body: utf8.toString('base64'), bodyEncoding: 'base64' });
  });

  it('decodes the declared charset, and falls back to base64 when the bytes are not valid in it', () => {
    expect(encodeResponseBody(Buffer.from([0x68, 0xe9]), 'text/plain; charset=iso-8859-1', undefined)).toEqual({ body: 'hé', bodyEncoding: 'text' });
    expect(encodeResponseBody(Buffer.from([0x68, 0xe9]), 'text/plain; charset=utf-8', undefined)).toEqual({ body: 'aOk=', bodyEncoding: 'base64' });
    expect(encodeResponseBody(utf8, 'text/plain; charset=no-such-charset', undefined).bodyEncoding).toBe('base64');
  });
});
