import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigInvalidError } from '../../../../lib/config/index.js';
import { deriveAgentKey, envelopeAuthFromEnv, keyBytes } from '../../../../lib/kafka/auth/index.js';

const MASTER = 'the coordinator master key, at least 32 characters';
const ALPHA_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor/envelope/worker-alpha-AbCdEf';
const ALPHA_KEY = 'a-generated-secret-string-of-64-characters-0123456789abcdefghijkl';
const secrets = mockClient(SecretsManagerClient);
const client = () => new SecretsManagerClient({ region: 'eu-west-1' });

describe('envelope keys from a function environment', () => {
  beforeEach(() => secrets.reset());

  it('signs as SYNTOR_AGENT with SYNTOR_ENVELOPE_KEY, and checks nothing without the keys of others', async () => {
    const auth = envelopeAuthFromEnv({ SYNTOR_AGENT: 'worker-alpha', SYNTOR_ENVELOPE_KEY: deriveAgentKey(MASTER, 'worker-alpha') });

    expect(await auth.signer()).toEqual({ agent: 'worker-alpha', key: keyBytes(deriveAgentKey(MASTER, 'worker-alpha')) });
    expect(auth.keyring).toBeUndefined();
  });

  it('sends unsigned where no key is configured (a script, a test)', async () => {
    await expect(envelopeAuthFromEnv({ SYNTOR_AGENT: 'worker-alpha' }).signer()).resolves.toBeUndefined();
    await expect(envelopeAuthFromEnv({ SYNTOR_ENVELOPE_KEY: deriveAgentKey(MASTER, 'x') }).signer()).resolves.toBeUndefined();
  });

  it('lets the coordinator derive any agent key from SYNTOR_ENVELOPE_MASTER_KEY', async () => {
    const auth = envelopeAuthFromEnv({ SYNTOR_AGENT: 'coordination', SYNTOR_ENVELOPE_MASTER_KEY: MASTER, SYNTOR_ENVELOPE_KEY: deriveAgentKey(MASTER, 'coordination') });

    expect(await auth.keyring?.keyFor('worker-beta')).toEqual(keyBytes(deriveAgentKey(MASTER, 'worker-beta')));
  });

  it('on AWS reads its own key and each agent key from their secrets, once per instance, and knows no other agent', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: ALPHA_SECRET }).resolves({ SecretString: JSON.stringify({ key: ALPHA_KEY }) });
    const auth = envelopeAuthFromEnv({ SYNTOR_AGENT: 'worker-alpha', SYNTOR_ENVELOPE_KEY_SECRET_ARN: ALPHA_SECRET, SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: JSON.stringify({ 'worker-alpha': ALPHA_SECRET }) }, client);

    expect(await auth.signer()).toEqual({ agent: 'worker-alpha', key: keyBytes(ALPHA_KEY) });
    expect(await auth.keyring?.keyFor('worker-alpha')).toEqual(keyBytes(ALPHA_KEY));
    await auth.keyring?.keyFor('worker-alpha');
    expect(await auth.keyring?.keyFor('git')).toBeUndefined();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('tries a failed secret read again instead of keeping the failure', async () => {
    // Another secret than the test above's: secrets are read once per process.
    const betaSecret = ALPHA_SECRET.replace('worker-alpha', 'worker-beta');
    secrets.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: JSON.stringify({ key: ALPHA_KEY }) });
    const auth = envelopeAuthFromEnv({ SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: JSON.stringify({ 'worker-alpha': betaSecret }) }, client);

    await expect(auth.keyring?.keyFor('worker-alpha')).rejects.toThrow(/secret/i);
    await expect(auth.keyring?.keyFor('worker-alpha')).resolves.toEqual(keyBytes(ALPHA_KEY));
  });

  it('refuses a short key naming the variable, never echoing it', () => {
    const attempt = () => envelopeAuthFromEnv({ SYNTOR_ENVELOPE_KEY: 'short-secret' });
    expect(attempt).toThrow(ConfigInvalidError);
    expect(attempt).toThrow(/SYNTOR_ENVELOPE_KEY: at least 32 characters/);
    expect(attempt).not.toThrow(/short-secret/);
  });

  it('refuses a verify list that is not JSON of ARNs', () => {
    expect(() => envelopeAuthFromEnv({ SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: '{"git":"not-an-arn"}' })).toThrow(/SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: git: a Secrets Manager secret ARN/);
    expect(() => envelopeAuthFromEnv({ SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: 'git=arn' })).toThrow(/JSON: \{ "<agent>": "<secret ARN>" \}/);
  });
});
