import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigInvalidError, loadConfig } from '../../../lib/config/index.js';
import { credentialTokenForUrl, GitCredentialError, resolveToken, scrubSecrets } from '../../../lib/git/index.js';
import { GIT_ERROR_CODES, GitError } from '../../../lib/git/errors.js';
import { toGitError } from '../../../lib/git/operations/toGitError.js';

const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

describe('resolveToken', () => {
  const hosts = { tokenHosts: ['github.com'] };

  it('prefers the caller\'s own token, then SYNTOR_GIT_TOKEN, then the secret', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-AbCdEf';
    secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: JSON.stringify({ token: 'from-secret' }) });
    const client = () => new SecretsManagerClient({ region: 'eu-west-1' });

    expect(await resolveToken('github.com', 'from-caller', { ...hosts, token: 'configured' }, client)).toBe('from-caller');
    expect(await resolveToken('github.com', undefined, { ...hosts, token: 'configured' }, client)).toBe('configured');
    expect(await resolveToken('github.com', undefined, { ...hosts, tokenSecretArn: arn }, client)).toBe('from-secret');
    expect(await resolveToken('github.com', undefined, hosts, client)).toBeUndefined();
  });

  it('sends the configured token only to the hosts it is for, and to none without a list', async () => {
    const settings = { token: 'configured', tokenHosts: ['github.com', '*.corp.example'] };
    expect(await resolveToken('github.com', undefined, settings)).toBe('configured');
    expect(await resolveToken('git.corp.example:8443', undefined, settings)).toBe('configured');
    expect(await resolveToken('evil.example', undefined, settings)).toBeUndefined();
    expect(await resolveToken('github.com', undefined, { token: 'configured', tokenHosts: [] })).toBeUndefined();
  });
});

describe('named credentials', () => {
  const settings = { tokenHosts: [], credentials: { github: { token: 'ghp_named', hosts: ['github.com'] } } };

  it('gives a credential\'s token to its own hosts only, and fails for another host or an unknown name', async () => {
    expect(await resolveToken('github.com', { credential: 'github' }, settings)).toBe('ghp_named');
    await expect(resolveToken('evil.example', { credential: 'github' }, settings)).rejects.toMatchObject({ code: 'credential-refused', message: expect.stringContaining('is not for evil.example') });
    await expect(resolveToken('github.com', { credential: 'gitlab' }, settings)).rejects.toBeInstanceOf(GitCredentialError);
    const refused = await resolveToken('evil.example', { credential: 'github' }, settings).catch((e: unknown) => e);
    expect(JSON.stringify(refused) + String(refused)).not.toContain('ghp_named');
  });

  it('reads the credentials secret once per instance', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-credentials-AbCdEf';
    secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: JSON.stringify({ corp: { token: 'from-secret', hosts: ['*.corp.example'] } }) });
    const client = () => new SecretsManagerClient({ region: 'eu-west-1' });
    const fromSecret = { tokenHosts: [], credentialsSecretArn: arn };

    expect(await resolveToken('git.corp.example', { credential: 'corp' }, fromSecret, client)).toBe('from-secret');
    expect(await resolveToken('git.corp.example', { credential: 'corp' }, fromSecret, client)).toBe('from-secret');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('resolves a credential for a URL, and nothing without a name', async () => {
    expect(await credentialTokenForUrl('github', 'https://github.com/acme/x.git', settings)).toBe('ghp_named');
    expect(await credentialTokenForUrl(undefined, 'https://github.com/acme/x.git', settings)).toBeUndefined();
  });
});

describe('configuration', () => {
  it.each([
    [{ SYNTOR_GIT_TOKEN: 'ghp_cfg' }, 'SYNTOR_GIT_TOKEN'],
    [{ SYNTOR_GIT_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-AbCdEf' }, 'SYNTOR_GIT_TOKEN_SECRET_ARN'],
  ])('refuses %j without SYNTOR_GIT_TOKEN_HOSTS, naming both variables', (env, variable) => {
    const error = (() => {
      try {
        loadConfig(env);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigInvalidError);
    expect((error as Error).message).toMatch(new RegExp(`SYNTOR_GIT_TOKEN_HOSTS: required with ${variable}`));
    expect((error as Error).message).not.toContain('ghp_cfg');
  });

  it('takes a token with its hosts, and named credentials as JSON', () => {
    const config = loadConfig({ SYNTOR_GIT_TOKEN: 'ghp_cfg', SYNTOR_GIT_TOKEN_HOSTS: 'github.com, *.example.com', SYNTOR_GIT_CREDENTIALS: JSON.stringify({ github: { token: 'ghp_named', hosts: ['github.com'] } }) });
    expect(config.git).toMatchObject({ token: 'ghp_cfg', tokenHosts: ['github.com', '*.example.com'], credentials: { github: { token: 'ghp_named', hosts: ['github.com'] } } });
  });

  it.each([
    ['not JSON', '{"github": {"token": "ghp_leak"'],
    ['a credential without hosts', JSON.stringify({ github: { token: 'ghp_leak', hosts: [] } })],
  ])('refuses SYNTOR_GIT_CREDENTIALS that is %s, without echoing it', (_, value) => {
    expect(() => loadConfig({ SYNTOR_GIT_CREDENTIALS: value })).toThrow(ConfigInvalidError);
    expect(() => loadConfig({ SYNTOR_GIT_CREDENTIALS: value })).toThrow(/SYNTOR_GIT_CREDENTIALS/);
    expect(() => loadConfig({ SYNTOR_GIT_CREDENTIALS: value })).not.toThrow(/ghp_leak/);
  });
});

describe('scrubbing', () => {
  it('removes a token as is, URL-encoded and inside Basic credentials', () => {
    const token = 'ghp_a/b+c';
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    const text = `failed with ${token} and ${encodeURIComponent(token)} and Basic ${basic}`;
    expect(scrubSecrets(text, [token], 'x-access-token')).toBe('failed with [redacted] and [redacted] and Basic [redacted]');
  });

  it.each([
    [{ code: 'HttpError', data: { statusCode: 401 } }, GIT_ERROR_CODES.auth, false],
    [{ code: 'HttpError', data: { statusCode: 503 } }, GIT_ERROR_CODES.network, true],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, GIT_ERROR_CODES.network, true],
    [{ code: 'MergeConflictError', data: { filepaths: ['a.txt'] } }, GIT_ERROR_CODES.mergeConflict, false],
    [{ code: 'PushRejectedError', data: { reason: 'not-fast-forward' } }, GIT_ERROR_CODES.pushRejected, false],
  ])('maps %j to %s (retriable %s)', (error, code, retriable) => {
    expect(toGitError(error, { operation: 'clone', host: 'example.com' })).toMatchObject({ code, retriable });
  });

  it('scrubs the token out of a library message', () => {
    const error = toGitError(new Error('unexpected reply for https://x-access-token:tok123@example.com'), { operation: 'clone', secrets: ['tok123'] });
    expect(error).toBeInstanceOf(GitError);
    expect(error.message).not.toContain('tok123');
  });
});
