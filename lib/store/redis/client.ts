import { Redis } from 'ioredis';
import type { SyntorConfig } from '../../config/index.js';
import { createOutageLog } from '../../errors/outageLog.js';
import { getLogger } from '../../observability/logger.js';

/** Reconnect delays: quick at first (a blip), then every 5 s for as long as the outage lasts. */
export function redisRetryDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), 5_000);
}

/**
 * A Redis client for SYNTOR's configuration. Keys are namespaced by `SYNTOR_REDIS_KEY_PREFIX`.
 *
 * While Redis is away the client reconnects forever (capped backoff), logging one line when the
 * outage starts and one when it ends; a command meanwhile waits for at most two reconnect attempts
 * and then rejects (`MaxRetriesPerRequestError`, which `dependencyOutage` calls 'redis'), so a
 * handler sees the outage in about a second against a refused port instead of hanging.
 *
 * @example
 * const redis = createRedis(getConfig().redis);
 */
export function createRedis(connection: SyntorConfig['redis'], overrides: { keyPrefix?: string; tls?: boolean } = {}): Redis {
  const redis = new Redis({
    host: connection.host,
    port: connection.port,
    db: connection.db,
    keyPrefix: overrides.keyPrefix ?? connection.keyPrefix,
    ...(connection.password === undefined ? {} : { password: connection.password }),
    // ElastiCache with in-transit encryption speaks TLS only.
    ...(overrides.tls ? { tls: {} } : {}),
    lazyConnect: true,
    connectTimeout: 5_000,
    // The offline queue stays on: with lazyConnect the first command is sent before the socket is up.
    // maxRetriesPerRequest is what bounds a queued command's wait while disconnected.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    retryStrategy: redisRetryDelay,
    // After a failover the old primary answers writes with READONLY: reconnect and resend.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
  const outage = createOutageLog('redis', getLogger);
  // Unhandled, ioredis prints "[ioredis] Unhandled error event" for every reconnect attempt.
  redis.on('error', (error: Error) => outage.down(error));
  redis.on('ready', () => outage.up());
  return redis;
}
