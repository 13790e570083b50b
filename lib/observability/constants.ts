/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Paths whose values never reach a log line (pino `redact`, fast-redact syntax: `*` is one level).
 * Top-level keys and keys one level down are covered; the configuration's Postgres and Redis
 * passwords are named where the config object itself might be logged.
 */
export const REDACT_PATHS: readonly string[] = [
  ...['password', 'token', 'authorization', 'Authorization', 'secret', 'apiKey', 'cookie'].flatMap((key) => [key, `*.${key}`]),
  'headers.authorization',
  'headers.Authorization',
  'headers.cookie',
  'headers.Cookie',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.headers.cookie',
  '*.headers.Cookie',
  'config.postgres.password',
  'config.redis.password',
  'config.git.token',
  'config.models.apiKey',
  'SYNTOR_POSTGRES_PASSWORD',
  'SYNTOR_REDIS_PASSWORD',
  'SYNTOR_GIT_TOKEN',
  'SYNTOR_MODEL_API_KEY',
  '*.SYNTOR_POSTGRES_PASSWORD',
  '*.SYNTOR_REDIS_PASSWORD',
  '*.SYNTOR_GIT_TOKEN',
  '*.SYNTOR_MODEL_API_KEY',
];
