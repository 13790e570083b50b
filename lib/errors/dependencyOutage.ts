import { SyntorError } from './index.js';

/** A service SYNTOR depends on; `network` when only a socket error says something is unreachable. */
export type Dependency = 'postgres' | 'redis' | 'kafka' | 'network';

export const DEPENDENCY_NAMES: Readonly<Record<Dependency, string>> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  kafka: 'Kafka',
  network: 'a network service',
};

const MARK = Symbol.for('syntor.dependency');

/**
 * A dependency (database, cache, broker) is down or unreachable: doing the same again later may
 * succeed. Handlers fail the invocation (the trigger retries it); HTTP answers 503 with Retry-After.
 */
export class DependencyUnavailableError extends SyntorError {
  readonly code = 'dependency-unavailable';

  constructor(
    readonly service: Dependency,
    options: { cause?: unknown } = {},
  ) {
    super(`${DEPENDENCY_NAMES[service]} is unavailable${causeText(options.cause)}`, { retriable: true, cause: options.cause });
  }
}

function causeText(cause: unknown): string {
  return cause instanceof Error && cause.message ? `: ${cause.message}` : '';
}

/**
 * Marks an error as coming from a client of `service`, so classification does not have to guess
 * from a bare socket error (ECONNREFUSED looks the same from pg, ioredis and kafkajs).
 * Returns the error, for `throw markDependency(error, 'postgres')`.
 */
export function markDependency<E>(error: E, service: Dependency): E {
  if (error !== null && typeof error === 'object' && !(MARK in error)) {
    Object.defineProperty(error, MARK, { value: service, enumerable: false });
  }
  return error;
}

// SQLSTATE class 08 (connection exception), the server going away (57P01 is what a restart's fast
// shutdown sends every backend), refusing connections, or a demoted primary during a failover (25006).
// Also what the database answers under contention — a deadlock, a serialization failure, a lock or
// statement timeout (40P01, 40001, 55P03, 57014) — which the same statement a moment later gets past:
// retried like an outage, never dead-lettered as if the record were bad.
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const PG_OUTAGE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '58030', '25006', '40P01', '40001', '55P03', '57014']);
const PG_OUTAGE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'the database system is starting up',
  'the database system is shutting down',
  'Query read timeout',
];
const KAFKA_OUTAGE_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSGroupCoordinatorNotFound',
]);
const REDIS_OUTAGE_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
// ioredis's own wording for a command that met no connection (offline queue off, closed, timed out)
// and the server's replies while it loads, fails over or has lost its primary.
const REDIS_OUTAGE_MESSAGES = [
  'Reached the max retries per request limit',
  'Connection is closed.',
  "Stream isn't writeable",
  'Command timed out',
  'LOADING ',
  'READONLY ',
  'MASTERDOWN ',   'CLUSTERDOWN ',
  'TRYAGAIN ',
];
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

type Inspectable = { name?: unknown; message?: unknown; code?: unknown; retriable?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };

function classifyOne(e: Inspectable & { [MARK]?: Dependency }): Dependency | undefined {
  if (e instanceof DependencyUnavailableError) return e.service;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (KAFKA_OUTAGE_NAMES.has(name)) return 'kafka';
  // kafkajs flags what a retry may fix (leader moving, topic metadata not there yet) as retriable.
  if (name.startsWith('KafkaJS') && e.retriable === true) return 'kafka';
  if (REDIS_OUTAGE_NAMES.has(name) || REDIS_OUTAGE_MESSAGES.some((m) => message.startsWith(m))) return 'redis';
  if (code.startsWith('08') || PG_OUTAGE_CODES.has(code) || PG_OUTAGE_MESSAGES.some((m) => message.startsWith(m))) {
    return e[MARK] ?? 'postgres';
  }
  if (SOCKET_CODES.has(code)) return e[MARK] ?? 'network';
  return undefined;
}

/**
 * Which dependency an error says is down, or undefined when it is not an outage (bad input, a bug,
 * a record too large...). Looks through `cause`, kafkajs's `originalError` and AggregateError.
 *
 * @example
 * const service = dependencyOutage(error);
 * if (service) return serviceUnavailable(service); // 503 + Retry-After
 */
export function dependencyOutage(error: unknown, depth = 0): Dependency | undefined {
  if (error === null || typeof error !== 'object' || depth > 8) return undefined;
  const e = error as Inspectable & { [MARK]?: Dependency };
  const direct = classifyOne(e);
  if (direct) return direct === 'network' || direct === 'postgres' ? (e[MARK] ?? direct) : direct;
  const nested = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const inner of nested) {
    const found = dependencyOutage(inner, depth + 1);
    if (found) return e[MARK] && found === 'network' ? e[MARK] : found;
  }
  return e[MARK] && SOCKET_CODES.has(String(e.code)) ? e[MARK] : undefined;
}
