import type { z } from 'zod';
import type { taskLimitsSchema } from './schema.js';

/** One task type's limits (SYNTOR_TASK_LIMITS). */
export type TaskLimit = z.output<typeof taskLimitsSchema>[string];

/** SYNTOR's runtime configuration, grouped by concern. Built once by {@link loadConfig}. */
export interface SyntorConfig {
  readonly environment: 'local' | 'staging' | 'production';
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topicPartitions: number;
    readonly replicationFactor: number;
  };
  readonly redis: {
    readonly host: string;
    readonly port: number;
    readonly password?: string;
    readonly db: number;
    readonly keyPrefix: string;
  };
  readonly postgres: {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly password: string;
    readonly database: string;
    readonly ssl: boolean;
    readonly poolMax: number;
  };
  readonly metricsPort: number;
  readonly healthPort: number;
  readonly orchestration: {
    readonly routingStrategy: 'least-loaded' | 'round-robin' | 'capability-score';
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
    readonly leaseGraceMs: number;
    readonly circuitThreshold: number;
    readonly circuitCooldownMs: number;
    readonly agentTtlMs: number;
    readonly sweepIntervalMs: number;
    /** How long the scheduled sweeper keeps sweeping while work is left. */
    readonly sweepRepeatMs: number;
    /** Per task type, enforced by dispatch: see SYNTOR_TASK_LIMITS. */
    readonly taskLimits: Readonly<Record<string, TaskLimit>>;
  };
  readonly httpPort: number;
  /** Where the harness's HTTP routes listen. */
  readonly harnessHost: string;
  /** Where /metrics and /health listen (default: harnessHost). */
  readonly metricsHost: string;
  /** Extra `Host` values the HTTP routes answer (name or name:port, lower-cased). */
  readonly harnessAllowedHosts: readonly string[];
  /** The bearer token every HTTP route then requires. */
  readonly apiToken?: string;
  /** Where the harness sends traces: nowhere, or OTLP (Jaeger in docker compose). */
  readonly tracing: 'off' | 'otlp';
  readonly git: {
    readonly workspace: string;
    readonly token?: string;
    readonly tokenSecretArn?: string;
    /** Never empty when `token` or `tokenSecretArn` is set (the loader refuses that). */
    readonly tokenHosts: readonly string[];
    /** Named credentials, each sent only to its own hosts; a task names one with `credential`. */
    readonly credentials: Readonly<Record<string, GitCredential>>;
    readonly credentialsSecretArn?: string;
    readonly author: { readonly name: string; readonly email: string };
    readonly limits: GitLimits;
  };
  /** Model providers for AI summaries: Bedrock when `bedrockModelId` is set, else the OpenAI-compatible `baseUrl`. */
  readonly models: {
    readonly bedrockModelId?: string;
    readonly baseUrl?: string;
    readonly apiKey?: string;
    readonly name: string;
    readonly timeoutMs: number;
  };
  readonly docs: {
    readonly summaryLimit: number;
  };
}

/** One named git credential: its token and the hosts (`github.com`, `*.example.com`) it may be sent to. */
export interface GitCredential {
  readonly token: string;
  readonly hosts: readonly string[];
}

/** What one git operation may transfer and write, and for how long (SYNTOR_GIT_MAX_*, SYNTOR_GIT_*TIMEOUT_MS). */
export interface GitLimits {
  readonly transferBytes: number;
  readonly blobBytes: number;
  readonly checkoutBytes: number;
  /** SYNTOR_GIT_MAX_UNPACKED_BYTES: what one received pack's objects may unpack to in all. */
  readonly unpackedBytes: number;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
}
