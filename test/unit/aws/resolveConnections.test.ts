import { GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsBrokersLookupError, AwsSecretInvalidError, AwsSecretReadError, forgetConnections, resolveConnections } from '../../../lib/aws/index.js';
import { loadConfig } from '../../../lib/config/index.js';

const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:123456789012:cluster/syntor-staging-kafka/0a1b2c3d-4e5f-6789-abcd-ef0123456789-s1';
const DB_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor-staging/postgres-AbCdEf';
const REDIS_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor-staging/redis-auth-GhIjKl';
const AWS_VARS = { SYNTOR_MSK_CLUSTER_ARN: CLUSTER_ARN, SYNTOR_POSTGRES_SECRET_ARN: DB_SECRET, SYNTOR_REDIS_AUTH_SECRET_ARN: REDIS_SECRET, SYNTOR_REDIS_TLS: 'true' };

const kafka = mockClient(KafkaClient);
const secrets = mockClient(SecretsManagerClient);
const deps = (env: NodeJS.ProcessEnv) => ({
  env,
  kafkaClient: () => new KafkaClient({ region: 'eu-west-1' }),
  secretsClient: () => new SecretsManagerClient({ region: 'eu-west-1' }),
  signToken: async () => ({ token: 'signed-token' }),
});

describe('resolveConnections', () => {
  beforeEach(() => {
    kafka.reset();
    secrets.reset();
    forgetConnections();
    kafka.on(GetBootstrapBrokersCommand, { ClusterArn: CLUSTER_ARN }).resolves({ BootstrapBrokerStringSaslIam: 'b-1.msk:9098,b-2.msk:9098' });
    secrets.on(GetSecretValueCommand, { SecretId: DB_SECRET }).resolves({
      SecretString: JSON.stringify({ username: 'syntor', password: 'pw', host: 'db.internal', port: 5432, dbname: 'syntor', engine: 'postgres' }),
    });
    secrets.on(GetSecretValueCommand, { SecretId: REDIS_SECRET }).resolves({ SecretString: JSON.stringify({ token: 'a-long-enough-auth-token' }) });
  });
  afterEach(() => forgetConnections());

  it('returns the plain configuration locally, touching no AWS API', async () => {
    const config = loadConfig({});

    const connections = await resolveConnections(config, deps({}));

    expect(connections).toEqual({ runtime: 'local', config, kafka: {}, redisTls: false });
    expect(kafka.calls()).toHaveLength(0);
    expect(secrets.calls()).toHaveLength(0);
  });

  it('fills in brokers, database credentials and the Redis password on AWS, with MSK IAM over TLS', async () => {
    const config = loadConfig({ SYNTOR_POSTGRES_SSL: 'require' });

    const { runtime, config: resolved, kafka: overrides, redisTls } = await resolveConnections(config, deps(AWS_VARS));

    expect(runtime).toBe('aws');
    expect(resolved.kafka.brokers).toEqual(['b-1.msk:9098', 'b-2.msk:9098']);
    expect(resolved.postgres).toMatchObject({ host: 'db.internal', port: 5432, user: 'syntor', password: 'pw', database: 'syntor', ssl: true });
    expect(resolved.redis.password).toBe('a-long-enough-auth-token');
    expect(redisTls).toBe(true);
    expect(overrides.ssl).toBe(true);
    const sasl = overrides.sasl as { mechanism: string; oauthBearerProvider: () => Promise<{ value: string }> };
    expect(sasl.mechanism).toBe('oauthbearer');
    await expect(sasl.oauthBearerProvider()).resolves.toEqual({ value: 'signed-token' });
  });

  it('looks things up once per process and hands every caller the same answer', async () => {
    const config = loadConfig({});

    const [first, second] = await Promise.all([resolveConnections(config, deps(AWS_VARS)), resolveConnections(config, deps(AWS_VARS))]);
    const third = await resolveConnections(config, deps(AWS_VARS));

    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(kafka.commandCalls(GetBootstrapBrokersCommand)).toHaveLength(1);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('forgets a failed lookup so the next invocation retries it', async () => {
    const config = loadConfig({});
    kafka.on(GetBootstrapBrokersCommand).rejectsOnce(new Error('ThrottlingException')).resolves({ BootstrapBrokerStringSaslIam: 'b-1.msk:9098' });

    const failure = await resolveConnections(config, deps(AWS_VARS)).catch((error: unknown) => error);
    const retried = await resolveConnections(config, deps(AWS_VARS));

    expect(failure).toBeInstanceOf(AwsBrokersLookupError);
    expect((failure as AwsBrokersLookupError).retriable).toBe(true);
    expect(retried.config.kafka.brokers).toEqual(['b-1.msk:9098']);
  });

  it.each([
    [{ SecretString: JSON.stringify({ username: 'syntor' }) }, AwsSecretInvalidError, 'password'],
    [{ SecretString: 'not json' }, AwsSecretInvalidError, 'not JSON'],
    [{ SecretBinary: new Uint8Array([1]) }, AwsSecretInvalidError, 'no SecretString'],
  ])('rejects an unusable database secret (%j) without echoing its values', async (answer, errorClass, detail) => {
    secrets.on(GetSecretValueCommand, { SecretId: DB_SECRET }).resolves(answer);

    const error = await resolveConnections(loadConfig({}), deps({ SYNTOR_POSTGRES_SECRET_ARN: DB_SECRET })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toContain(detail);
    expect((error as Error).message).not.toContain('syntor"');
    expect((error as AwsSecretInvalidError).retriable).toBe(false);
  });

  it('reports Secrets Manager failures as retriable', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: DB_SECRET }).rejects(new Error('AccessDeniedException'));

    const error = await resolveConnections(loadConfig({}), deps({ SYNTOR_POSTGRES_SECRET_ARN: DB_SECRET })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AwsSecretReadError);
    expect((error as AwsSecretReadError).retriable).toBe(true);
  });

  it('refuses a cluster without an IAM listener, for good', async () => {
    kafka.on(GetBootstrapBrokersCommand).resolves({ BootstrapBrokerStringTls: 'b-1.msk:9094' });

    const error = await resolveConnections(loadConfig({}), deps({ SYNTOR_MSK_CLUSTER_ARN: CLUSTER_ARN })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AwsBrokersLookupError);
    expect((error as AwsBrokersLookupError).retriable).toBe(false);
  });
});
