import { HARNESS_TUNING } from './constants.js';

/**
 * The harness child's environment: this process's (PATH, HOME…) without any SYNTOR_ or OTEL_
 * setting it happens to carry, pointed at the suite's own services and ports, with quick retries.
 */
export function harnessEnv(targets: {
  readonly kafka: string;
  readonly redis: string;
  readonly postgresPort: number;
  readonly httpPort: number;
  readonly metricsPort: number;
  readonly healthPort: number;
  readonly gitWorkspace: string;
}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(SYNTOR_|OTEL_|VITEST)/.test(name)));
  return {
    ...inherited,
    ...HARNESS_TUNING,
    SYNTOR_KAFKA_BROKERS: targets.kafka,
    SYNTOR_REDIS_ADDRESS: targets.redis,
    SYNTOR_POSTGRES_HOST: '127.0.0.1',
    SYNTOR_POSTGRES_PORT: String(targets.postgresPort),
    SYNTOR_POSTGRES_USER: 'syntor',
    SYNTOR_POSTGRES_PASSWORD: 'syntor',
    SYNTOR_POSTGRES_DATABASE: 'syntor',
    SYNTOR_HTTP_PORT: String(targets.httpPort),
    SYNTOR_METRICS_PORT: String(targets.metricsPort),
    SYNTOR_HEALTH_PORT: String(targets.healthPort),
    SYNTOR_GIT_WORKSPACE: targets.gitWorkspace,
    NODE_ENV: 'production',
  };
}
