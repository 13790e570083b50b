import { Redis } from 'ioredis';
import type { SyntorConfig } from '../../config/index.js';

/**
 * A Redis client for SYNTOR's configuration. Keys are namespaced by `SYNTOR_REDIS_KEY_PREFIX`.
 * Commands fail fast while disconnected instead of queueing forever, so a handler sees the outage.
 *
 * @example
 * const redis = createRedis(getConfig().redis);
 */
export function createRedis(connection: SyntorConfig['redis'], overrides: { keyPrefix?: string; tls?: boolean } = {}): Redis {
  return new Redis({
    host: connection.host,
    port: connection.port,
    db: connection.db,
    keyPrefix: overrides.keyPrefix ?? connection.keyPrefix,
    ...(connection.password === undefined ? {} : { password: connection.password }),
    // ElastiCache with in-transit encryption speaks TLS only.
    ...(overrides.tls ? { tls: {} } : {}),
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  });
}
