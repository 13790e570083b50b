import { describe, expect, it } from 'vitest';
import {
  CapabilityFailedError,
  CapabilityRefusedError,
  checkUrl,
  classifyAddress,
  hostMatchesPattern,
  httpGuardConfigFromEnv,
  isHostAllowed,
  vetAddresses,
} from '../../../lib/capabilities/index.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.10.1', 'link-local'],
    ['169.254.169.254', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['::ffff:a9fe:a9fe', 'cloud-metadata'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:a00:1::', 'private'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    ['::169.254.169.254', 'cloud-metadata'],
    ['::a9fe:a9fe', 'cloud-metadata'],
    ['::127.0.0.1', 'loopback'],
    ['::10.1.2.3', 'private'],
    ['::8.8.8.8', 'public'],
    ['::ffff:0:169.254.169.254', 'cloud-metadata'],
    ['::ffff:0:a9fe:a9fe', 'cloud-metadata'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:192.168.0.1', 'private'],
    ['::ffff:0:8.8.8.8', 'public'],
  ])('reads the IPv4-compatible or IPv4-translated %s as its IPv4 address: %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each(['169.254.170.2', '169.254.170.23', 'fd00:ec2::23', '::ffff:169.254.170.2', '::169.254.170.23', '::ffff:0:169.254.170.2'])(
    'classes the ECS/EKS credentials address %s with the metadata ones',
    (address) => {
      expect(classifyAddress(address)).toBe('cloud-metadata');
    },
  );

  it.each(['8.8.8.8', '93.184.215.14', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (address) => {
      expect(classifyAddress(address)).toBe('public');
    },
  );

  it('throws on something that is not an IP address', () => {
    expect(() => classifyAddress('localhost')).toThrow(/Not an IP address/);
  });
});

describe('checkUrl', () => {
  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[0:0:0:0:0:0:0:1]:8080/x', '::1'],
    ['HTTPS://Example.COM./a', 'example.com'],
  ])('reads %s as host %s', (raw, host) => {
    expect(checkUrl(raw, {}).host).toBe(host);
  });

  it.each([
    ['ftp://example.com/file', 'scheme', /only http and https URLs may be requested, not "ftp:"/],
    ['file:///etc/passwd', 'scheme', /not "file:"/],
    ['gopher://example.com/', 'scheme', /not "gopher:"/],
    ['http://user:secret@example.com/', 'credentials', /credentials in the URL for example\.com are refused/],
    ['http://user@example.com/', 'credentials', /credentials/],
    ['not a url', 'invalid-url', /"not a url" is not a valid URL/],
    ['http://', 'invalid-url', /not a valid URL/],
  ])('refuses %s (%s)', (raw, reason, message) => {
    const error = (() => {
      try {
        checkUrl(raw, {});
        return undefined;
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(CapabilityRefusedError);
    expect((error as CapabilityRefusedError).reason).toBe(reason);
    expect((error as CapabilityRefusedError).retriable).toBe(false);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a host the allowlist does not name, naming the host and the list', () => {
    expect(() => checkUrl('https://evil.example.net/', { allowedHosts: ['api.example.com', '*.example.org'] })).toThrow(
      'http.request: evil.example.net is not one of the allowed hosts (api.example.com, *.example.org)',
    );
    expect(checkUrl('https://a.example.org/', { allowedHosts: ['api.example.com', '*.example.org'] }).host).toBe('a.example.org');
  });
});

describe('host allowlist', () => {
  it.each([
    ['api.example.com', 'api.example.com', true],
    ['API.Example.com.', 'api.example.com', true],
    ['api.example.com', 'API.EXAMPLE.COM', true],
    ['a.example.com', '*.example.com', true],
    ['a.b.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['evilexample.com', '*.example.com', false],
    ['example.com.evil.net', '*.example.com', false],
    ['example.com.evil.net', 'example.com', false],
    ['other.com', 'example.com', false],
    ['::1', '[0:0::1]', true],
    ['127.0.0.1', '127.0.0.1', true],
  ])('%s against %s → %s', (host, pattern, expected) => {
    expect(hostMatchesPattern(host, pattern)).toBe(expected);
  });

  it('lets every host through when the list is empty or absent', () => {
    expect(isHostAllowed('anything.example', [])).toBe(true);
    expect(isHostAllowed('anything.example', undefined)).toBe(true);
  });

  it.each(['*example.com', 'a.*.com', 'http://example.com', 'exa mple.com', '*.'])('refuses the malformed pattern "%s" as a non-retriable failure', (pattern) => {
    expect(() => hostMatchesPattern('example.com', pattern)).toThrow(CapabilityFailedError);
  });
});

describe('vetAddresses', () => {
  it('returns the addresses when every one is public', () => {
    expect(vetAddresses('example.com', ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'], {})).toEqual([
      '93.184.215.14',
      '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
    ]);
  });

  it('refuses an IP literal naming it, its class and the opt-in', () => {
    expect(() => vetAddresses('127.0.0.1', ['127.0.0.1'], httpGuardConfigFromEnv({}))).toThrow(
      'http.request: 127.0.0.1 is a loopback address; set SYNTOR_HTTP_ALLOW_PRIVATE=true to allow private networks',
    );
  });

  it('refuses a name when ANY of its addresses is not public', () => {
    expect(() => vetAddresses('mixed.example', ['93.184.215.14', '10.0.0.7'], {})).toThrow(
      'http.request: mixed.example resolves to 10.0.0.7, a private address; set allowPrivateNetworks: true to allow private networks',
    );
  });

  it.each(['127.0.0.1', '10.1.1.1', '::1', 'fd00::1', '100.64.1.1', '::ffff:192.168.1.1'])('lets %s through with the private-network opt-in', (address) => {
    expect(vetAddresses('internal', [address], { allowPrivateNetworks: true })).toEqual([address]);
  });

  it.each(['169.254.169.254', '::ffff:169.254.169.254', 'fd00:ec2::254', '::169.254.169.254', '::ffff:0:a9fe:a9fe', '169.254.170.2', '169.254.170.23', 'fd00:ec2::23'])(
    'refuses the metadata or credentials address %s even with the opt-in', (address) => {
      expect(() => vetAddresses('metadata.google.internal', [address], { allowPrivateNetworks: true })).toThrow(/cloud metadata service address; it is never allowed/);
    },
  );
});

describe('httpGuardConfigFromEnv', () => {
  it('reads the allowlist as a trimmed comma list and the opt-in as exactly "true"', () => {
    expect(httpGuardConfigFromEnv({ SYNTOR_HTTP_ALLOWED_HOSTS: ' api.example.com, *.example.org ,', SYNTOR_HTTP_ALLOW_PRIVATE: 'TRUE' })).toMatchObject({
      allowedHosts: ['api.example.com', '*.example.org'],
      allowPrivateNetworks: true,
    });
    expect(httpGuardConfigFromEnv({ SYNTOR_HTTP_ALLOW_PRIVATE: '1' })).toMatchObject({ allowedHosts: [], allowPrivateNetworks: false });
  });
});
