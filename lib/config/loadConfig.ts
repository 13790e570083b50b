import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigInvalidError } from './errors.js';
import { configEnvSchema } from './schema.js';
import type { SyntorConfig } from './types.js';

function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

/**
 * Parses and validates the `SYNTOR_*` variables.
 *
 * @throws ConfigInvalidError naming every bad variable and what it expected.
 * @example
 * const config = loadConfig(); // process.env
 * const config = loadConfig({ SYNTOR_KAFKA_BROKERS: 'b1:9092,b2:9092' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): SyntorConfig {
  // An empty variable means "unset" (as docker-compose and shells often leave them), not "".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const received = present[variable];
      return {
        variable,
        // Where inside a structured variable (a credential's `hosts`, say), never what was there.
        expected: issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message,
        // Never echo a secret back, even a malformed one.
        ...(received !== undefined && !/PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIALS/.test(variable) ? { received } : {}),
      };
    });
    throw new ConfigInvalidError(problems, { cause: parsed.error });
  }
  const e = parsed.data;
  return {
    environment: e.SYNTOR_ENVIRONMENT,
    logLevel: e.SYNTOR_LOG_LEVEL,
    kafka: {
      brokers: e.SYNTOR_KAFKA_BROKERS,
      clientId: e.SYNTOR_KAFKA_CLIENT_ID,
      topicPartitions: e.SYNTOR_KAFKA_TOPIC_PARTITIONS,
      replicationFactor: e.SYNTOR_KAFKA_REPLICATION_FACTOR,
    },
    redis: {
      ...splitHostPort(e.SYNTOR_REDIS_ADDRESS),
      ...(e.SYNTOR_REDIS_PASSWORD === undefined ? {} : { password: e.SYNTOR_REDIS_PASSWORD }),
      db: e.SYNTOR_REDIS_DB,
      keyPrefix: e.SYNTOR_REDIS_KEY_PREFIX,
    },
    postgres: {
      host: e.SYNTOR_POSTGRES_HOST,
      port: e.SYNTOR_POSTGRES_PORT,
      user: e.SYNTOR_POSTGRES_USER,
      password: e.SYNTOR_POSTGRES_PASSWORD,
      database: e.SYNTOR_POSTGRES_DATABASE,
      ssl: e.SYNTOR_POSTGRES_SSL === 'require',
      poolMax: e.SYNTOR_POSTGRES_POOL_MAX,
    },
    metricsPort: e.SYNTOR_METRICS_PORT,
    healthPort: e.SYNTOR_HEALTH_PORT,
    orchestration: {
      routingStrategy: e.SYNTOR_ROUTING_STRATEGY,
      retryBaseMs: e.SYNTOR_RETRY_BASE_MS,
      retryMaxMs: e.SYNTOR_RETRY_MAX_MS,
      leaseGraceMs: e.SYNTOR_LEASE_GRACE_MS,
      circuitThreshold: e.SYNTOR_CIRCUIT_THRESHOLD,
      circuitCooldownMs: e.SYNTOR_CIRCUIT_COOLDOWN_MS,
      agentTtlMs: e.SYNTOR_AGENT_TTL_MS,
      sweepIntervalMs: e.SYNTOR_SWEEP_INTERVAL_MS,
      sweepRepeatMs: e.SYNTOR_SWEEP_REPEAT_MS,
      taskLimits: e.SYNTOR_TASK_LIMITS ?? {},
    },
    httpPort: e.SYNTOR_HTTP_PORT,
    harnessHost: e.SYNTOR_HARNESS_HOST,
    metricsHost: e.SYNTOR_METRICS_HOST ?? e.SYNTOR_HARNESS_HOST,
    harnessAllowedHosts: e.SYNTOR_HARNESS_ALLOWED_HOSTS,
    ...(e.SYNTOR_API_TOKEN === undefined ? {} : { apiToken: e.SYNTOR_API_TOKEN }),
    tracing: e.SYNTOR_TRACING,
    git: {
      workspace: e.SYNTOR_GIT_WORKSPACE ?? join(tmpdir(), 'syntor-git'),
      ...(e.SYNTOR_GIT_TOKEN === undefined ? {} : { token: e.SYNTOR_GIT_TOKEN }),
      ...(e.SYNTOR_GIT_TOKEN_SECRET_ARN === undefined ? {} : { tokenSecretArn: e.SYNTOR_GIT_TOKEN_SECRET_ARN }),
      tokenHosts: e.SYNTOR_GIT_TOKEN_HOSTS,
      credentials: e.SYNTOR_GIT_CREDENTIALS ?? {},
      ...(e.SYNTOR_GIT_CREDENTIALS_SECRET_ARN === undefined ? {} : { credentialsSecretArn: e.SYNTOR_GIT_CREDENTIALS_SECRET_ARN }),
      author: { name: e.SYNTOR_GIT_AUTHOR_NAME, email: e.SYNTOR_GIT_AUTHOR_EMAIL },
      limits: {
        transferBytes: e.SYNTOR_GIT_MAX_TRANSFER_BYTES,
        blobBytes: e.SYNTOR_GIT_MAX_BLOB_BYTES,
        checkoutBytes: e.SYNTOR_GIT_MAX_CHECKOUT_BYTES,
        unpackedBytes: e.SYNTOR_GIT_MAX_UNPACKED_BYTES,
        timeoutMs: e.SYNTOR_GIT_TIMEOUT_MS,
        idleTimeoutMs: e.SYNTOR_GIT_IDLE_TIMEOUT_MS,
      },
    },
    models: {
      ...(e.SYNTOR_BEDROCK_MODEL_ID === undefined ? {} : { bedrockModelId: e.SYNTOR_BEDROCK_MODEL_ID }),
      ...(e.SYNTOR_MODEL_BASE_URL === undefined ? {} : { baseUrl: e.SYNTOR_MODEL_BASE_URL.replace(/\/+$/, '') }),
      ...(e.SYNTOR_MODEL_API_KEY === undefined ? {} : { apiKey: e.SYNTOR_MODEL_API_KEY }),
      name: e.SYNTOR_MODEL_NAME,
      timeoutMs: e.SYNTOR_MODEL_TIMEOUT_MS,
    },
    docs: { summaryLimit: e.SYNTOR_DOCS_SUMMARY_LIMIT },
  };
}

let cached: SyntorConfig | undefined;

/** The process-wide configuration, parsed on first use (module-scope reuse across Lambda invocations). */
export function getConfig(): SyntorConfig {
  cached ??= loadConfig();
  return cached;
}
