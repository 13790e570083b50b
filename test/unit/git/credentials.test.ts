import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveToken, scrubSecrets } from '../../../lib/git/index.js';
import { GIT_ERROR_CODES, GitError } from '../../../lib/git/errors.js';
import { toGitError } from '../../../lib/git/operations/toGitError.js';

const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

describe('resolveToken', () => {
  const none = { tokenHosts: [] };

  it('prefers the request token, then SYNTOR_GIT_TOKEN, then the secret', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-AbCdEf';
    secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: JSON.stringify({ token: 'from-secret' }) });
    const client = () => new SecretsManagerClient({ region: 'eu-west-1' });

    expect(await resolveToken('github.com', 'from-request', { ...none, token: 'configured' }, client)).toBe('from-request');
    expect(await resolveToken('github.com', undefined, { ...none, token: 'configured' }, client)).toBe('configured');
    expect(await resolveToken('github.com', undefined, { ...none, tokenSecretArn: arn }, client)).toBe('from-secret');
    expect(await resolveToken('github.com', undefined, none, client)).toBeUndefined();
  });

  it('sends the configured token only to the hosts it is for', async () => {
    const settings = { token: 'configured', tokenHosts: ['github.com', '*.corp.example'] };
    expect(await resolveToken('github.com', undefined, settings)).toBe('configured');
    expect(await resolveToken('git.corp.example:8443', undefined, settings)).toBe('configured');
    expect(await resolveToken('evil.example', undefined, settings)).toBeUndefined();
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
