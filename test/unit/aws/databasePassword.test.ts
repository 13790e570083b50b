import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsSecretReadError, DatabaseAuthFailedError, forgetConnections, resolveConnections } from '../../../lib/aws/index.js';
import { loadConfig } from '../../../lib/config/index.js';
import { dependencyOutage } from '../../../lib/errors/dependencyOutage.js';

const DB_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor-staging/postgres-AbCdEf';
const OLD_PASSWORD = 'old-password-before-rotation';
const NEW_PASSWORD = 'new-password-after-rotation';

const secrets = mockClient(SecretsManagerClient);
const databaseSecret = (password: string) => ({
  SecretString: JSON.stringify({ username: 'syntor', password, host: 'db.internal', port: 5432, dbname: 'syntor', engine: 'postgres' }),
});
const onAws = () =>
  resolveConnections(loadConfig({}), {
    env: { SYNTOR_POSTGRES_SECRET_ARN: DB_SECRET },
    secretsClient: () => new SecretsManagerClient({ region: 'eu-west-1' }),
  });

describe('the rotated database password', () => {
  beforeEach(() => {
    secrets.reset();
    forgetConnections();
  });
  afterEach(() => forgetConnections());

  it('is the cold-start password until a login is refused, then the secret read again', async () => {
    // Prepare: RDS rotates the secret after the function's cold start.
    secrets.on(GetSecretValueCommand, { SecretId: DB_SECRET }).resolvesOnce(databaseSecret(OLD_PASSWORD)).resolves(databaseSecret(NEW_PASSWORD));
    const { postgresPassword, config } = await onAws();

    // Act
    const beforeRotation = await postgresPassword?.current();
    const stillCached = await postgresPassword?.current();
    await postgresPassword?.refresh();
    const afterRefresh = await postgresPassword?.current();

    // Assess
    expect(config.postgres.password).toBe(OLD_PASSWORD);
    expect(beforeRotation).toBe(OLD_PASSWORD);
    expect(stillCached).toBe(OLD_PASSWORD);
    expect(afterRefresh).toBe(NEW_PASSWORD);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('is read once for every pool client refused at the same moment', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: DB_SECRET }).resolvesOnce(databaseSecret(OLD_PASSWORD)).resolves(databaseSecret(NEW_PASSWORD));
    const { postgresPassword } = await onAws();

    await Promise.all([postgresPassword?.refresh(), postgresPassword?.refresh(), postgresPassword?.refresh()]);
    await postgresPassword?.refresh();

    expect(await postgresPassword?.current()).toBe(NEW_PASSWORD);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1 + 1 + 1);
  });

  it('keeps the password it has when the re-read fails, and says the read failed (retriable)', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: DB_SECRET })
      .resolvesOnce(databaseSecret(OLD_PASSWORD))
      .rejectsOnce(new Error('ThrottlingException'))
      .resolves(databaseSecret(NEW_PASSWORD));
    const { postgresPassword } = await onAws();

    const failure = await postgresPassword?.refresh().catch((error: unknown) => error);
    const kept = await postgresPassword?.current();
    await postgresPassword?.refresh();

    expect(failure).toBeInstanceOf(AwsSecretReadError);
    expect(kept).toBe(OLD_PASSWORD);
    expect(await postgresPassword?.current()).toBe(NEW_PASSWORD);
  });

  it('names the secret, never the password, when the login is refused for good', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: DB_SECRET }).resolves(databaseSecret(OLD_PASSWORD));
    const { postgresPassword } = await onAws();
    const refusal = Object.assign(new Error('password authentication failed for user "syntor"'), { code: '28P01' });

    const error = postgresPassword?.refused(refusal);

    expect(error).toBeInstanceOf(DatabaseAuthFailedError);
    expect(error).toMatchObject({ code: 'database-auth-failed', secretArn: DB_SECRET, retriable: true });
    expect((error?.cause as Error).cause).toBe(refusal);
    expect(error?.message).toContain(DB_SECRET);
    expect(error?.message).not.toContain(OLD_PASSWORD);
  });

  it('counts as a PostgreSQL outage, so triggers retry the batch instead of dead-lettering it', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: DB_SECRET }).resolves(databaseSecret(OLD_PASSWORD));
    const { postgresPassword } = await onAws();

    const error = postgresPassword?.refused(Object.assign(new Error('password authentication failed for user "syntor"'), { code: '28P01' }));

    expect(dependencyOutage(error)).toBe('postgres');
  });

  it('does not exist locally, where the configured password stands', async () => {
    const connections = await resolveConnections(loadConfig({}), { env: {} });

    expect(connections.postgresPassword).toBeUndefined();
    expect(secrets.calls()).toHaveLength(0);
  });
});
