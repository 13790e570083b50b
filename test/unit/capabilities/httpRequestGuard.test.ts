import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CapabilityFailedError,
  CapabilityInputError,
  CapabilityRefusedError,
  httpRequest,
  runCapability,
  type HostLookup,
} from '../../../lib/capabilities/index.js';
import { buildCapabilityContext } from './fixtures.js';
import { failureOf, request, startHttpFixtureServer, type HttpFixtureServer } from './httpFixtures.js';
import { unusedPort } from './localServer.js';

let server: HttpFixtureServer;

beforeAll(async () => {
  server = await startHttpFixtureServer();
});

afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
});

afterAll(() => server.close());

describe('http.request SSRF guard', () => {
  it('refuses the same loopback request without the opt-in, before anything is sent', async () => {
    const { error, logs } = await failureOf({ url: `${server.origin}/json` }, {});

    expect(error).toBeInstanceOf(CapabilityRefusedError);
    expect(error).toBeInstanceOf(CapabilityInputError);
    expect(error.retriable).toBe(false);
    expect(error.message).toBe('http.request: 127.0.0.1 is a loopback address; set allowPrivateNetworks: true to allow private networks');
    expect(server.received).toEqual([]);
    expect(logs).toEqual([{ level: 'warn', message: 'http.request refused', data: { host: '127.0.0.1', reason: 'non-public-address' } }]);
  });

  it.each([`http://2130706433:PORT/json`, `http://0x7f.1:PORT/json`, `http://[::ffff:127.0.0.1]:PORT/json`, `http://017700000001:PORT/json`])(
    'refuses the disguised loopback URL %s',
    async (template) => {
      const { error } = await failureOf({ url: template.replace('PORT', String(server.port)) }, {});

      expect(error).toBeInstanceOf(CapabilityRefusedError);
      expect(error.message).toMatch(/is a loopback address/);
      expect(server.received).toEqual([]);
    },
  );

  it.each(['http://[::169.254.169.254]/latest/meta-data/', 'http://[::ffff:0:169.254.169.254]/latest/meta-data/', 'http://169.254.170.2/v2/credentials/x', 'http://[fd00:ec2::23]/'])(
    'with SYNTOR_HTTP_ALLOW_PRIVATE=true, still refuses the metadata or credentials URL %s',
    async (url) => {
      vi.stubEnv('SYNTOR_HTTP_ALLOW_PRIVATE', 'true');
      const { ctx } = buildCapabilityContext();

      const error = await runCapability(httpRequest, { url }, ctx).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(CapabilityRefusedError);
      expect((error as CapabilityRefusedError).reason).toBe('cloud-metadata');
    },
  );

  it('with SYNTOR_HTTP_ALLOW_PRIVATE=true, still refuses the Lambda runtime API, before anything is sent', async () => {
    vi.stubEnv('SYNTOR_HTTP_ALLOW_PRIVATE', 'true');
    vi.stubEnv('AWS_LAMBDA_RUNTIME_API', `127.0.0.1:${server.port}`);
    const { ctx } = buildCapabilityContext();

    const direct = await runCapability(httpRequest, { url: `${server.origin}/2018-06-01/runtime/invocation/next` }, ctx).catch((e: unknown) => e);
    const disguised = await runCapability(httpRequest, { url: `http://0.0.0.0:${server.port}/json` }, ctx).catch((e: unknown) => e);

    expect((direct as CapabilityRefusedError).reason).toBe('runtime-api');
    expect((disguised as CapabilityRefusedError).reason).toBe('runtime-api');
    expect(server.received).toEqual([]);
  });

  it('the default instance reads SYNTOR_HTTP_ALLOW_PRIVATE and SYNTOR_HTTP_ALLOWED_HOSTS at call time', async () => {
    const { ctx } = buildCapabilityContext();
    const url = `${server.origin}/json`;

    vi.stubEnv('SYNTOR_HTTP_ALLOW_PRIVATE', '');
    await expect(runCapability(httpRequest, { url }, ctx)).rejects.toThrow(
      'http.request: 127.0.0.1 is a loopback address; set SYNTOR_HTTP_ALLOW_PRIVATE=true to allow private networks',
    );

    vi.stubEnv('SYNTOR_HTTP_ALLOW_PRIVATE', 'true');
    await expect(runCapability(httpRequest, { url }, ctx)).resolves.toMatchObject({ status: 200 });

    vi.stubEnv('SYNTOR_HTTP_ALLOWED_HOSTS', 'api.example.com,*.example.org');
    await expect(runCapability(httpRequest, { url }, ctx)).rejects.toThrow('127.0.0.1 is not one of the allowed hosts (api.example.com, *.example.org)');
  });

  it('connects to the address it vetted: one lookup, no second resolution, Host header kept', async () => {
    const answers = [['127.0.0.1'], ['10.255.255.1']];
    const lookup = vi.fn<HostLookup>(async () => (answers.shift() ?? []).map((address) => ({ address })));

    const { output, logs } = await request({ url: `http://service.test:${server.port}/json` }, { allowPrivateNetworks: true, lookup });

    expect(output.status).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith('service.test');
    expect(server.received[0]!.headers.host).toBe(`service.test:${server.port}`);
    expect(logs[0]!.data).toMatchObject({ url: `http://service.test:${server.port}`, addresses: ['127.0.0.1'] });
  });

  it('refuses a name when any resolved address is private (a rebinding answer mixing public and private)', async () => {
    const lookup: HostLookup = async () => [{ address: '93.184.215.14' }, { address: '127.0.0.1' }];

    const { error } = await failureOf({ url: `http://rebind.test:${server.port}/json` }, { lookup });

    expect(error.message).toBe('http.request: rebind.test resolves to 127.0.0.1, a loopback address; set allowPrivateNetworks: true to allow private networks');
    expect(server.received).toEqual([]);
  });

  it('refuses a name that does not resolve, without retrying', async () => {
    const lookup: HostLookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
    };

    const { error } = await failureOf({ url: 'http://nowhere.test/' }, { lookup });

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect(error.retriable).toBe(false);
    expect(error.message).toBe('http.request: nowhere.test does not resolve');
  });

  it('retries a temporary DNS failure', async () => {
    const lookup: HostLookup = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };

    const { error } = await failureOf({ url: 'http://flaky.test/' }, { lookup });

    expect(error.retriable).toBe(true);
    expect(error.message).toBe('http.request: could not resolve flaky.test: EAI_AGAIN');
  });

  it('gives up on DNS that does not answer within timeoutMs, retriably', async () => {
    const lookup: HostLookup = () => new Promise(() => undefined);

    const { error } = await failureOf({ url: 'http://silent.test/', timeoutMs: 50 }, { lookup });

    expect(error.retriable).toBe(true);
    expect(error.message).toBe('http.request: could not resolve silent.test: no answer within 50 ms (timeoutMs)');
  });

  it('applies the allowlist with private networks allowed', async () => {
    const allowed = await request({ url: `${server.origin}/json` }, { allowPrivateNetworks: true, allowedHosts: ['127.0.0.1'] });
    const refused = await failureOf({ url: `${server.origin}/json` }, { allowPrivateNetworks: true, allowedHosts: ['*.example.com'] });

    expect(allowed.output.status).toBe(200);
    expect(refused.error.message).toBe('http.request: 127.0.0.1 is not one of the allowed hosts (*.example.com)');
  });
});

describe('http.request redirects', () => {
  it('follows none by default: the 3xx comes back with its location', async () => {
    const { output } = await request({ url: `${server.origin}/redirect?to=/json` });

    expect(output).toMatchObject({ status: 302, redirects: 0 });
    expect(output.headers.location).toBe('/json');
    expect(server.received).toHaveLength(1);
  });

  it('follows up to followRedirects hops and reports the final URL', async () => {
    const { output, logs } = await request({ url: `${server.origin}/redirect?to=/redirect%3Fto%3D/json`, followRedirects: 2 });

    expect(output).toMatchObject({ status: 200, body: '{"hello":"wörld"}', url: `${server.origin}/json`, redirects: 2 });
    expect(logs.map((log) => log.data?.status)).toEqual([302, 302, 200]);
  });

  it('fails without retry past followRedirects', async () => {
    const { error } = await failureOf({ url: `${server.origin}/loop`, followRedirects: 3 });

    expect(error.retriable).toBe(false);
    expect(error.message).toBe(`http.request: more than 3 redirects (followRedirects); the last from 127.0.0.1:${server.port}`);
    expect(server.received).toHaveLength(4);
  });

  it('turns a POST into a GET without body on 303 and repeats it on 307', async () => {
    const seeOther = await request({ url: `${server.origin}/redirect?to=/echo&status=303`, method: 'POST', body: { a: 1 }, followRedirects: 1 });
    const temporary = await request({ url: `${server.origin}/redirect?to=/echo&status=307`, method: 'POST', body: { a: 1 }, followRedirects: 1 });

    expect(JSON.parse(seeOther.output.body)).toEqual({ method: 'GET', body: '' });
    expect(JSON.parse(temporary.output.body)).toEqual({ method: 'POST', contentType: 'application/json', body: '{"a":1}' });
  });

  it('re-checks every hop: a redirect to the metadata address is refused', async () => {
    const { error } = await failureOf({ url: `${server.origin}/redirect?to=http://169.254.169.254/latest/meta-data/`, followRedirects: 3 });

    expect(error).toBeInstanceOf(CapabilityRefusedError);
    expect(error.message).toBe('http.request: 169.254.169.254 is a cloud metadata service address; it is never allowed');
  });

  it('re-checks every hop: a redirect off the allowlist is refused', async () => {
    const config = { allowPrivateNetworks: true, allowedHosts: ['127.0.0.1'] };

    const { error } = await failureOf({ url: `${server.origin}/redirect?to=http://localhost:${server.port}/json`, followRedirects: 1 }, config);

    expect(error.message).toBe('http.request: localhost is not one of the allowed hosts (127.0.0.1)');
  });

  it('does not carry credentials, or any header off the allow-list, to another host', async () => {
    const lookup: HostLookup = async () => [{ address: '127.0.0.1' }];
    const payload = {
      url: `${server.origin}/redirect?to=http://other.test:${server.port}/json`,
      headers: { Authorization: 'Bearer t0k3n', 'X-Trace': 'dropped' },
      followRedirects: 1,
    };

    await request(payload, { allowPrivateNetworks: true, lookup });

    expect(server.received[0]!.headers.authorization).toBe('Bearer t0k3n');
    expect(server.received[1]!.headers.host).toBe(`other.test:${server.port}`);
    expect(server.received[1]!.headers.authorization).toBeUndefined();
    expect(server.received[1]!.headers['x-trace']).toBeUndefined();
    expect(server.received[1]!.headers['user-agent']).toMatch(/^syntor-http-request/);
  });
});

describe('http.request secrets', () => {
  it('never logs credentials or the query string, and returns set-cookie redacted', async () => {
    const headers = { Authorization: 'Bearer t0k3n', Cookie: 'sid=c00k1e', 'X-Api-Key': 'k3y', 'X-Vault-Token': 'v4ult', 'X-Trace': 'visible' };

    const { output, logs } = await request({ url: `${server.origin}/cookie?access_token=qu3ry`, headers });

    expect(server.received[0]!.headers.authorization).toBe('Bearer t0k3n');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'info', message: 'http.request', data: { method: 'GET', url: server.origin, status: 200 } });
    expect(logs[0]!.data!.headers).toMatchObject({
      authorization: '[REDACTED]',
      cookie: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      'x-vault-token': '[REDACTED]',
      'x-trace': 'visible',
    });
    const logged = JSON.stringify(logs);
    for (const secret of ['t0k3n', 'c00k1e', 'k3y', 'v4ult', 'qu3ry']) expect(logged).not.toContain(secret);
    expect(output.headers['set-cookie']).toBe('[REDACTED]');
    expect(output.headers['x-request-id']).toBe('r-1');
    expect(JSON.stringify(output)).not.toContain('s3cr3t');
  });

  it('logs and reports a URL by its origin only: a webhook secret in the path or query never shows', async () => {
    const port = await unusedPort();

    const answered = await request({ url: `${server.origin}/hooks/p4th-s3cr3t?sig=qu3ry-s3cr3t` });
    const unreachable = await failureOf({ url: `http://127.0.0.1:${port}/hooks/p4th-s3cr3t?sig=qu3ry-s3cr3t` });
    const invalid = await failureOf({ url: 'http://exa mple.com/hooks/p4th-s3cr3t?sig=qu3ry-s3cr3t' });

    expect(answered.output.status).toBe(404);
    expect(answered.logs[0]!.data).toMatchObject({ url: server.origin });
    expect(invalid.error.message).toBe('http.request: "http://exa mple.com" is not a valid URL');
    const shown = JSON.stringify([answered.logs, unreachable.logs, invalid.logs, unreachable.error.message, invalid.error.message, unreachable.error.stack]);
    expect(shown).not.toContain('s3cr3t');
  });
});
