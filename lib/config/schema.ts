import { z } from 'zod';
import { jsonText, secretArn } from './fields.js';

const port = z.coerce.number({ error: 'a port number (1-65535)' }).int().min(1).max(65535);
const hostPort = z
  .string()
  .regex(/^[^\s:,]+:\d{1,5}$/, 'host:port (e.g. 127.0.0.1:9092)');

const hostPattern = z.string().regex(/^(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/, 'a host name such as github.com or *.example.com');
const hostList = z
  .string()
  .transform((value) => value.split(',').map((h) => h.trim()).filter(Boolean))
  .pipe(z.array(hostPattern));

/**
 * Named git credentials (SYNTOR_GIT_CREDENTIALS, or the secret SYNTOR_GIT_CREDENTIALS_SECRET_ARN):
 * each token goes only to its own hosts, so a credential without hosts is refused.
 */
export const gitCredentialsSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a credential name (letters, digits, ".", "_", "-")'),
  z.strictObject({
    token: z.string().min(1, 'the token'),
    hosts: z.array(hostPattern).min(1, 'at least one host the token may be sent to, e.g. ["github.com"]'),
  }),
);

// 127.0.0.1 rather than localhost: Node resolves localhost to ::1 first, and a natively run
// Kafka broker listens on IPv4 only (its advertised listener is 127.0.0.1).
/**
 * Limits per task type that dispatch enforces (SYNTOR_TASK_LIMITS): a rate (tasks sent out per
 * second) and a concurrency limit, overall or per value of a payload field (`key`, a dot path such as
 * `url` or `repository.name`: at most `limit` running per repository).
 */
export const taskLimitsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'a task type such as "git.clone"'),
  z.strictObject({
    ratePerSecond: z.number().positive().max(100_000).optional(),
    concurrency: z
      .strictObject({
        limit: z.number().int().min(1).max(100_000),
        key: z.string().regex(/^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*$/, 'a payload field path such as "url" or "repository.name"').optional(),
      })
      .optional(),
  }),
);

const configEnvObject = z.object({
  SYNTOR_ENVIRONMENT: z.enum(['local', 'staging', 'production']).default('local'),
  SYNTOR_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  SYNTOR_KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(hostPort).min(1, 'at least one broker')),
  SYNTOR_KAFKA_CLIENT_ID: z.string().min(1).default('syntor'),
  SYNTOR_KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  SYNTOR_KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).default(1),

  SYNTOR_REDIS_ADDRESS: hostPort.default('127.0.0.1:6379'),
  SYNTOR_REDIS_PASSWORD: z.string().optional(),
  SYNTOR_REDIS_DB: z.coerce.number().int().min(0).max(15).default(0),
  SYNTOR_REDIS_KEY_PREFIX: z.string().default('syntor:'),

  SYNTOR_POSTGRES_HOST: z.string().min(1).default('127.0.0.1'),
  SYNTOR_POSTGRES_PORT: port.default(5432),
  SYNTOR_POSTGRES_USER: z.string().min(1).default('syntor'),
  SYNTOR_POSTGRES_PASSWORD: z.string().default('syntor'),
  SYNTOR_POSTGRES_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain database name').default('syntor'),
  SYNTOR_POSTGRES_SSL: z.enum(['disable', 'require']).default('disable'),
  SYNTOR_POSTGRES_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),

  SYNTOR_METRICS_PORT: port.default(9090),
  SYNTOR_HEALTH_PORT: port.default(8080),
  /** How the coordinator picks among capable agents. */
  SYNTOR_ROUTING_STRATEGY: z.enum(['least-loaded', 'round-robin', 'capability-score']).default('least-loaded'),
  /** First retry delay of a failed attempt; doubles per retry up to SYNTOR_RETRY_MAX_MS. */
  SYNTOR_RETRY_BASE_MS: z.coerce.number().int().min(0).max(3_600_000).default(1_000),
  SYNTOR_RETRY_MAX_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Added to a task's timeout to make its lease: how long a silent agent keeps a task. */
  SYNTOR_LEASE_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** Consecutive failed or timed-out attempts that open an agent's circuit. */
  SYNTOR_CIRCUIT_THRESHOLD: z.coerce.number().int().min(1).max(1_000).default(3),
  /** How long an open circuit waits before letting one trial task through (half-open). */
  SYNTOR_CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  /** An agent instance counts as alive this long after its last heartbeat or registration. */
  SYNTOR_AGENT_TTL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(180_000),
  /** At most one lease sweep per this interval, triggered by heartbeats (the schedule is the safety net). */
  SYNTOR_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Rate and concurrency limits per task type, as JSON (see taskLimitsSchema); none by default. */
  SYNTOR_TASK_LIMITS: jsonText('JSON: { "<type>": { "ratePerSecond": 5, "concurrency": { "limit": 2, "key": "url" } } }').pipe(taskLimitsSchema).optional(),
  /** How long one scheduled sweeper invocation keeps sweeping (every SYNTOR_SWEEP_INTERVAL_MS) while tasks or messages wait; 0: one sweep. */
  SYNTOR_SWEEP_REPEAT_MS: z.coerce.number().int().min(0).max(840_000).default(45_000),
  /** The harness's HTTP routes (API Gateway locally). */
  SYNTOR_HTTP_PORT: port.default(8000),
  /** Where the harness's HTTP routes listen; off loopback the harness needs SYNTOR_API_TOKEN. */
  SYNTOR_HARNESS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Where /metrics and /health listen; default SYNTOR_HARNESS_HOST. 0.0.0.0 lets a Prometheus in Docker on Linux scrape them. */
  SYNTOR_METRICS_HOST: z.string().min(1).optional(),
  /**
   * Host names (or name:port) the harness's HTTP routes answer besides loopback and SYNTOR_HARNESS_HOST: the
   * DNS rebinding guard. Not SYNTOR_HTTP_ALLOWED_HOSTS, which lists where http.request may go.
   */
  SYNTOR_HARNESS_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** When set, every HTTP route wants `Authorization: Bearer <token>` (never logged). */
  SYNTOR_API_TOKEN: z.string().min(16, 'at least 16 characters (e.g. `openssl rand -hex 32`)').optional(),
  /** `otlp`: the harness exports traces over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318). */
  SYNTOR_TRACING: z.enum(['off', 'otlp']).default('off'),

  /** The git agent's workspace; default `<os.tmpdir()>/syntor-git` (`/tmp/syntor-git` on Lambda). */
  SYNTOR_GIT_WORKSPACE: z.string().min(1).optional(),
  /** Token for git remotes (never logged), sent only to SYNTOR_GIT_TOKEN_HOSTS, which it requires. */
  SYNTOR_GIT_TOKEN: z.string().optional(),
  /** A Secrets Manager secret `{ "token": "…" }`, read when SYNTOR_GIT_TOKEN is unset; requires SYNTOR_GIT_TOKEN_HOSTS. */
  SYNTOR_GIT_TOKEN_SECRET_ARN: secretArn.optional(),
  /** Hosts the configured token may be sent to (comma list, `*.example.com` allowed). */
  SYNTOR_GIT_TOKEN_HOSTS: hostList.default([]),
  /** Named credentials a task chooses with `credential: "<name>"`: JSON `{ "<name>": { "token": "…", "hosts": ["github.com"] } }`. */
  SYNTOR_GIT_CREDENTIALS: jsonText('JSON: { "<name>": { "token": "…", "hosts": ["github.com"] } }')
    .pipe(gitCredentialsSchema)
    .optional(),
  /** A Secrets Manager secret holding the same JSON as SYNTOR_GIT_CREDENTIALS, read once per instance. */
  SYNTOR_GIT_CREDENTIALS_SECRET_ARN: secretArn.optional(),
  SYNTOR_GIT_AUTHOR_NAME: z.string().min(1).max(200).default('SYNTOR'),
  SYNTOR_GIT_AUTHOR_EMAIL: z.string().min(3).max(320).default('syntor@localhost'),
  // Git transfer limits: defaults leave room in Lambda's 512 MB /tmp for a pack, its index and a checkout.
  /** Bytes one git operation may receive from a remote (all its HTTP responses). */
  SYNTOR_GIT_MAX_TRANSFER_BYTES: z.coerce.number().int().min(1_024).default(100 * 1024 * 1024),
  /** Largest file a checkout writes; a bigger one refuses the checkout before any file is written. */
  SYNTOR_GIT_MAX_BLOB_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
  /** Bytes the objects of one received pack may unpack to in all (each object's or delta result's declared size). */
  SYNTOR_GIT_MAX_UNPACKED_BYTES: z.coerce.number().int().min(1).default(1024 * 1024 * 1024),
  /** Bytes of files one checkout may write in all. */
  SYNTOR_GIT_MAX_CHECKOUT_BYTES: z.coerce.number().int().min(1).default(200 * 1024 * 1024),
  /** Time one git operation may spend talking to its remote, in all. */
  SYNTOR_GIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(900_000).default(120_000),
  /** A remote that sends nothing for this long is given up. */
  SYNTOR_GIT_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(900_000).default(30_000),

  /** Amazon Bedrock model (id or inference profile) for module summaries; region from AWS_REGION. */
  SYNTOR_BEDROCK_MODEL_ID: z.string().min(1).max(2048).optional(),
  /** An OpenAI-compatible API (e.g. http://127.0.0.1:11434/v1 for Ollama), used when no Bedrock model is set. */
  SYNTOR_MODEL_BASE_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL such as http://127.0.0.1:11434/v1' }).optional(),
  /** Bearer token for SYNTOR_MODEL_BASE_URL (never logged). */
  SYNTOR_MODEL_API_KEY: z.string().optional(),
  /** The model asked at SYNTOR_MODEL_BASE_URL. */
  SYNTOR_MODEL_NAME: z.string().min(1).max(200).default('llama3.2'),
  /** Time allowed for one summary call. */
  SYNTOR_MODEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Modules summarized per generation at most; the rest are documented without a summary. */
  SYNTOR_DOCS_SUMMARY_LIMIT: z.coerce.number().int().min(0).max(1_000).default(20),
});

/**
 * The environment's variables with their cross-variable rules: a configured git token without the
 * hosts it is for would go to any server that asks for credentials (issue 13), so it is refused.
 */
export const configEnvSchema = configEnvObject.superRefine((env, ctx) => {
  if (env.SYNTOR_GIT_TOKEN_HOSTS.length > 0) return;
  const token = [env.SYNTOR_GIT_TOKEN !== undefined && 'SYNTOR_GIT_TOKEN', env.SYNTOR_GIT_TOKEN_SECRET_ARN !== undefined && 'SYNTOR_GIT_TOKEN_SECRET_ARN'].filter(Boolean);
  if (token.length === 0) return;
  ctx.addIssue({
    code: 'custom',
    path: ['SYNTOR_GIT_TOKEN_HOSTS'],
    message: `required with ${token.join(' and ')}: the hosts the token may be sent to (comma list, e.g. github.com,*.example.com)`,
  });
});

/** The raw, validated environment (variable names as keys). */
export type ConfigEnv = z.output<typeof configEnvSchema>;
