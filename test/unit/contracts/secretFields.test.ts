import { describe, expect, it } from 'vitest';
import { findSecretFields, isSecretFieldName, redactSecrets, secretFieldErrors } from '../../../lib/contracts/index.js';
import { checkSubmission } from '../../../lib/orchestration/index.js';

describe('which fields hold a secret', () => {
  it.each(['token', 'accessToken', 'GITHUB_TOKEN', 'password', 'db_password', 'secret', 'clientSecret', 'apiKey', 'api_key', 'x-api-key', 'authorization', 'Authorization', 'credentials'])(
    '%s does',
    (name) => expect(isSecretFieldName(name)).toBe(true),
  );

  it.each(['credential', 'tokenHosts', 'maxTokens', 'secretArn', 'url', 'path', 'author'])('%s does not', (name) => expect(isSecretFieldName(name)).toBe(false));
});

describe('finding secrets in a payload', () => {
  it('finds string secrets at any depth, by path, and ignores non-strings and empty strings', () => {
    const payload = { url: 'https://github.com/acme/x.git', token: 'ghp_1', steps: [{ headers: { authorization: 'Bearer 2' } }], auth: { password: '' }, credentials: { apiKey: 'k' }, maxTokens: 3 };

    expect(findSecretFields(payload, 'payload').map((f) => f.path)).toEqual(['payload.token', 'payload.steps.0.headers.authorization', 'payload.credentials.apiKey']);
  });

  it('says what to send instead', () => {
    expect(secretFieldErrors({ token: 'ghp_1' })).toEqual([{ field: 'payload.token', message: expect.stringContaining('"credential" naming a configured credential') }]);
  });
});

describe('submissions with secrets', () => {
  it('refuses a git.clone carrying a token, naming the field, and accepts one naming a credential', () => {
    // Prepare
    const base = { type: 'git.clone', requiredCapabilities: ['git.clone'] };

    // Act
    const withToken = checkSubmission({ ...base, payload: { url: 'https://github.com/acme/x.git', token: 'ghp_secret' } });
    const withCredential = checkSubmission({ ...base, payload: { url: 'https://github.com/acme/x.git', credential: 'github' } });

    // Assess
    expect(withToken).toEqual({ ok: false, errors: [{ field: 'payload.token', message: expect.stringContaining('credential') }] });
    expect(JSON.stringify(withToken)).not.toContain('ghp_secret');
    expect(withCredential.ok).toBe(true);
  });
});

describe('redaction', () => {
  it('replaces every secret-named field, whatever it holds, and keeps the rest', () => {
    const value = { url: 'u', token: 't', nested: [{ password: 5, name: 'n' }], credentials: { token: 'x' }, credential: 'github' };

    expect(redactSecrets(value)).toEqual({ url: 'u', token: '[redacted]', nested: [{ password: '[redacted]', name: 'n' }], credentials: '[redacted]', credential: 'github' });
    expect(value.token).toBe('t');
  });
});
