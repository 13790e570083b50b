import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request, startHttpFixtureServer, type HttpFixtureServer } from './httpFixtures.js';

// Two servers on two ports of 127.0.0.1: two origins, each recording the headers it received.
let first: HttpFixtureServer;
let second: HttpFixtureServer;

beforeAll(async () => {
  [first, second] = await Promise.all([startHttpFixtureServer(), startHttpFixtureServer()]);
});

afterEach(() => {
  first.reset();
  second.reset();
});

afterAll(() => Promise.all([first.close(), second.close()]));

const CALLER_HEADERS = {
  Authorization: 'Bearer t0k3n',
  Cookie: 'sid=c00k1e',
  'X-Auth': 'x-4uth',
  'X-Api-Key': 'k3y',
  'X-Trace': 'tr4ce',
  Accept: 'application/json',
  'Accept-Language': 'fr',
  'Content-Type': 'application/json',
};

describe('http.request headers across a redirect', () => {
  it('forwards to another origin only the allow-listed headers: accept, accept-language, content-type, user-agent', async () => {
    const to = encodeURIComponent(`${second.origin}/echo`);

    const { output } = await request({ url: `${first.origin}/redirect?to=${to}&status=307`, method: 'POST', body: { a: 1 }, headers: CALLER_HEADERS, followRedirects: 1 });

    expect(output).toMatchObject({ status: 201, url: `${second.origin}/echo`, redirects: 1 });
    expect(first.received[0]!.headers).toMatchObject({ authorization: 'Bearer t0k3n', 'x-auth': 'x-4uth', cookie: 'sid=c00k1e' });
    const forwarded = second.received[0]!.headers;
    for (const name of ['authorization', 'cookie', 'x-auth', 'x-api-key', 'x-trace']) expect(forwarded).not.toHaveProperty(name);
    expect(forwarded).toMatchObject({ accept: 'application/json', 'accept-language': 'fr', 'content-type': 'application/json' });
    expect(forwarded['user-agent']).toMatch(/^syntor-http-request/);
  });

  it('keeps every caller header on a redirect within the same origin', async () => {
    await request({ url: `${first.origin}/redirect?to=/json`, headers: CALLER_HEADERS, followRedirects: 1 });

    expect(first.received).toHaveLength(2);
    expect(first.received[1]!.headers).toMatchObject({
      authorization: 'Bearer t0k3n',
      cookie: 'sid=c00k1e',
      'x-auth': 'x-4uth',
      'x-api-key': 'k3y',
      'x-trace': 'tr4ce',
      accept: 'application/json',
    });
    expect(second.received).toEqual([]);
  });
});
