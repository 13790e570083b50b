import { describe, expect, it } from 'vitest';
import { httpGuardConfigFromEnv } from '../../../lib/capabilities/index.js';
import { checkRepositoryUrl, GitUrlError } from '../../../lib/git/index.js';

const publicLookup = async () => ['140.82.112.3'];
const open = httpGuardConfigFromEnv({});

describe('checkRepositoryUrl', () => {
  it('accepts a public https URL and returns the vetted addresses', async () => {
    expect(await checkRepositoryUrl('https://github.com/acme/docs.git#frag', open, publicLookup)).toEqual({ url: 'https://github.com/acme/docs.git', host: 'github.com', addresses: ['140.82.112.3'] });
  });

  it.each([
    ['file:///etc/passwd', 'only http and https'],
    ['ssh://git@github.com/acme/docs.git', 'only http and https'],
    ['git@github.com:acme/docs.git', 'not a valid absolute URL'],
    ['https://user:ghp_secret123@github.com/acme/docs.git', 'credentials in the URL'],
    ['https://ghp_secret123@github.com/acme/docs.git', 'credentials in the URL'],
    ['http://127.0.0.1:8080/repo.git', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'never allowed'],
  ])('refuses %s', async (url, reason) => {
    const error = await checkRepositoryUrl(url, open, publicLookup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitUrlError);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).not.toContain('ghp_secret123');
    expect(error).toMatchObject({ code: 'invalid-url', retriable: false });
  });

  it('refuses a host name that resolves to a private address unless private networks are allowed', async () => {
    const internal = async () => ['10.0.0.5'];
    await expect(checkRepositoryUrl('https://git.internal/acme.git', open, internal)).rejects.toThrow(/resolves to 10\.0\.0\.5.*SYNTOR_HTTP_ALLOW_PRIVATE=true/);
    expect((await checkRepositoryUrl('https://git.internal/acme.git', { ...open, allowPrivateNetworks: true }, internal)).addresses).toEqual(['10.0.0.5']);
  });

  it('keeps to the allowed hosts', async () => {
    const config = { allowedHosts: ['*.example.com'], allowPrivateNetworks: false };
    expect((await checkRepositoryUrl('https://git.example.com/a.git', config, publicLookup)).host).toBe('git.example.com');
    await expect(checkRepositoryUrl('https://github.com/a.git', config, publicLookup)).rejects.toThrow(/not one of the allowed hosts/);
  });
});
