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
  };
  readonly httpPort: number;
  readonly harnessHost: string;
}
