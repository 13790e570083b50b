import { describe, expect, it } from 'vitest';
import { allowedHosts, checkHost, normalizeHost } from '../../../../local/harness/http/hostPolicy.js';

describe('allowedHosts', () => {
  it('answers the loopback names on the bound port, and the listen address when it is one', () => {
    // Prepare
    const options = { host: 'syntor.local', port: 8000 };

    // Act
    const allowed = allowedHosts(options);

    // Assess
    expect([...allowed]).toEqual(['127.0.0.1:8000', 'localhost:8000', '[::1]:8000', 'syntor.local:8000']);
  });

  it.each([['0.0.0.0'], ['::']])('leaves out the wildcard %s, which no client sends as its Host', (host) => {
    expect([...allowedHosts({ host, port: 8000 })]).toEqual(['127.0.0.1:8000', 'localhost:8000', '[::1]:8000']);
  });

  it('adds SYNTOR_HARNESS_ALLOWED_HOSTS entries: a name on the bound port, name:port exactly, a bare IPv6 address bracketed', () => {
    const allowed = allowedHosts({ host: '127.0.0.1', port: 8000, extra: ['syntor.internal', 'proxy.example:443', 'fd00::5'] });

    expect(allowed.has('syntor.internal:8000')).toBe(true);
    expect(allowed.has('proxy.example:443')).toBe(true);
    expect(allowed.has('proxy.example:8000')).toBe(false);
    expect(allowed.has('[fd00::5]:8000')).toBe(true);
  });
});

describe('checkHost', () => {
  const allowed = allowedHosts({ host: '127.0.0.1', port: 8000 });

  it.each([['127.0.0.1:8000'], ['LOCALHOST:8000'], ['[::1]:8000']])('lets %s through', (host) => {
    expect(checkHost(host, allowed)).toBeUndefined();
  });

  it.each([
    ['evil.example:8000', 'a rebound name'],
    ['evil.example', 'a rebound name on port 80'],
    ['127.0.0.1:9000', 'another port'],
    ['localhost:8000@evil', 'not a host at all'],
    [undefined, 'no Host header'],
  ])('refuses %s (%s) with a 421 naming the host and the variable that allows it', (host, _reason) => {
    const refusal = checkHost(host, allowed);

    expect(refusal).toMatchObject({ statusCode: 421, code: 'host-not-allowed' });
    expect(refusal?.message).toContain(`"${host ?? ''}"`);
    expect(refusal?.message).toContain('SYNTOR_HARNESS_ALLOWED_HOSTS');
  });
});

describe('normalizeHost', () => {
  it.each([
    ['LocalHost:8000', 'localhost:8000'],
    ['example.com', 'example.com:80'],
    ['[::1]', '[::1]:80'],
    ['bad host', undefined],
  ])('%s is %s', (text, expected) => {
    expect(normalizeHost(text)).toBe(expected);
  });
});
