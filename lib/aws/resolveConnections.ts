import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { KafkaConfig } from 'kafkajs';
import { getConfig, type SyntorConfig } from '../config/index.js';
import { lookupBootstrapBrokers } from './bootstrapBrokers.js';
import { AWS_ENV } from './constants.js';
import { createDatabasePassword, type DatabasePassword } from './databasePassword.js';
import { mskIamSasl, regionOfArn, type TokenSigner } from './mskIamSasl.js';
import { createKafkaClient, createSecretsManagerClient } from './sdkClients.js';
import { cacheAuthSecretSchema, databaseSecretSchema, readJsonSecret } from './secrets.js';
import { parseSelfManagedKafkaAuth, selfManagedKafkaAuth } from './selfManagedKafka.js';

/** Where a handler's clients connect, wherever it runs. */
export interface Connections {
  /** `aws` when any of the AWS variables is set (the CDK app sets them), else `local`. */
  readonly runtime: 'aws' | 'local';
  /** The configuration with brokers, PostgreSQL credentials and the Redis password filled in from AWS. */
  readonly config: SyntorConfig;
  /** Extra kafkajs settings for `createKafka(config, kafka)`: TLS and MSK IAM (or a self-managed cluster's secret) on AWS, none locally. */
  readonly kafka: Pick<KafkaConfig, 'ssl' | 'sasl'>;
  /** Redis/Valkey expects TLS (ElastiCache with in-transit encryption). */
  readonly redisTls: boolean;
  /**
   * On AWS, the database password as the pool should ask for it: `config.postgres.password` until a
   * login is refused, then the secret read again (RDS rotates it while warm functions hold the old one).
   */
  readonly postgresPassword?: DatabasePassword;
}

/**
 * Seams for tests; by default real SDK clients are made, and only when a variable asks for them (their
 * modules too are imported only then: see sdkClients.ts).
 */
export interface ResolveConnectionsDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly kafkaClient?: () => KafkaClient | Promise<KafkaClient>;
  readonly secretsClient?: () => SecretsManagerClient | Promise<SecretsManagerClient>;
  readonly signToken?: TokenSigner;
}

let cache = new WeakMap<SyntorConfig, Promise<Connections>>();

/**
 * Resolves the connections once per process (a Lambda cold start) and returns the same answer after;
 * a failed attempt is forgotten so the next invocation tries again. Locally it returns the plain
 * configuration, so a handler never needs to know where it runs.
 *
 * @example
 * const { config, kafka } = await resolveConnections();
 * const producer = createKafka(config, kafka).producer();
 * const pool = createPool(config.postgres);
 */
export function resolveConnections(config: SyntorConfig = getConfig(), deps: ResolveConnectionsDeps = {}): Promise<Connections> {
  let pending = cache.get(config);
  if (!pending) {
    pending = resolve(config, deps);
    cache.set(config, pending);
    pending.catch(() => cache.delete(config));
  }
  return pending;
}

/** Drops what was resolved, e.g. after the database password was rotated and a login failed. */
export function forgetConnections(): void {
  cache = new WeakMap();
}

async function resolve(config: SyntorConfig, deps: ResolveConnectionsDeps): Promise<Connections> {
  const env = deps.env ?? process.env;
  const clusterArn = env[AWS_ENV.mskClusterArn] || undefined;
  const postgresSecretArn = env[AWS_ENV.postgresSecretArn] || undefined;
  const redisSecretArn = env[AWS_ENV.redisAuthSecretArn] || undefined;
  const redisTls = env[AWS_ENV.redisTls] === 'true';
  // A self-managed cluster: brokers are SYNTOR_KAFKA_BROKERS as given, the secret signs in.
  const kafkaSecretArn = clusterArn ? undefined : env[AWS_ENV.kafkaSecretArn] || undefined;
  const kafkaAuth = kafkaSecretArn ? parseSelfManagedKafkaAuth(AWS_ENV.kafkaAuth, env[AWS_ENV.kafkaAuth]) : undefined;
  const runtime = clusterArn || kafkaSecretArn || postgresSecretArn || redisSecretArn ? 'aws' : 'local';

  let secrets: Promise<SecretsManagerClient> | undefined;
  const secretsClient = () => (secrets ??= deps.secretsClient ? Promise.resolve(deps.secretsClient()) : createSecretsManagerClient());
  const kafkaClient = (arn: string) => (deps.kafkaClient ? Promise.resolve(deps.kafkaClient()) : createKafkaClient(regionOfArn(arn)));
  const readDatabaseSecret = (arn: string) => secretsClient().then((client) => readJsonSecret(client, arn, databaseSecretSchema));
  const [brokers, database, cacheAuth, selfManaged] = await Promise.all([
    clusterArn ? kafkaClient(clusterArn).then((client) => lookupBootstrapBrokers(client, clusterArn)) : undefined,
    postgresSecretArn ? readDatabaseSecret(postgresSecretArn) : undefined,
    redisSecretArn ? secretsClient().then((client) => readJsonSecret(client, redisSecretArn, cacheAuthSecretSchema)) : undefined,
    kafkaSecretArn && kafkaAuth ? secretsClient().then((client) => selfManagedKafkaAuth(client, kafkaSecretArn, kafkaAuth)) : undefined,
  ]);

  // Single-user rotation changes only the password; a new user, host or database needs a cold start.
  const postgresPassword =
    postgresSecretArn && database
      ? createDatabasePassword(postgresSecretArn, database.password, async () => (await readDatabaseSecret(postgresSecretArn)).password)
      : undefined;

  return {
    runtime,
    redisTls,
    ...(postgresPassword ? { postgresPassword } : {}),
    kafka: clusterArn ? { ssl: true, sasl: mskIamSasl(regionOfArn(clusterArn), deps.signToken) } : (selfManaged ?? {}),
    config: {
      ...config,
      kafka: brokers ? { ...config.kafka, brokers } : config.kafka,
      postgres: database
        ? {
            ...config.postgres,
            host: database.host ?? config.postgres.host,
            port: database.port ?? config.postgres.port,
            database: database.dbname ?? config.postgres.database,
            user: database.username,
            password: database.password,
          }
        : config.postgres,
      redis: cacheAuth ? { ...config.redis, password: cacheAuth.token } : config.redis,
    },
  };
}
