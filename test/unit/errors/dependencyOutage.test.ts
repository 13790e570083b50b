import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dependencyOutage, DependencyUnavailableError, markDependency } from '../../../lib/errors/dependencyOutage.js';
import { KafkaMessageInvalidError } from '../../../lib/kafka/errors.js';

/** A Node socket error as net.connect rejects with it. */
function socketError(code: string, message = `connect ${code} 127.0.0.1:1`) {
  return Object.assign(new Error(message), { code, errno: -111, syscall: 'connect', address: '127.0.0.1', port: 1 });
}

/** A server error as pg reports it (an ErrorResponse with its SQLSTATE). */
function pgError(code: string, message: string) {
  return Object.assign(new pg.DatabaseError(message, 0, 'error'), { code, severity: 'FATAL' });
}

/** ioredis's own errors, by the shape it gives them. */
function redisError(name: string, message: string) {
  const error = new Error(message);
  Object.defineProperty(error, 'name', { get: () => name });
  return error;
}

// kafkajs builds protocol errors from the broker's error table entry; its typings only admit an Error.
const protocolError = (entry: { message: string; type: string; code: number; retriable: boolean }) => new KafkaJSProtocolError(entry as unknown as Error);

describe('dependencyOutage: what each client says when its service is down', () => {
  it.each([
    ['a server restart (57P01)', pgError('57P01', 'terminating connection due to administrator command'), 'postgres'],
    ['a server starting up (57P03)', pgError('57P03', 'the database system is starting up'), 'postgres'],
    ['too many connections (53300)', pgError('53300', 'sorry, too many clients already'), 'postgres'],
    ['a deadlock under contention (40P01), which a retry gets past', pgError('40P01', 'deadlock detected'), 'postgres'],
    ['a serialization failure (40001)', pgError('40001', 'could not serialize access due to concurrent update'), 'postgres'],
    ['a connection exception (08006)', pgError('08006', 'connection failure'), 'postgres'],
    ['a demoted primary (25006)', pgError('25006', 'cannot execute INSERT in a read-only transaction'), 'postgres'],
    ['pg losing the socket', new Error('Connection terminated unexpectedly'), 'postgres'],
    ['pg-pool timing out', new Error('timeout exceeded when trying to connect'), 'postgres'],
    ['a broken pg client reused', new Error('Client has encountered a connection error and is not queryable'), 'postgres'],
    ['ioredis out of retries', redisError('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.'), 'redis'],
    ['ioredis without offline queue', new Error("Stream isn't writeable and enableOfflineQueue options is false"), 'redis'],
    ['ioredis after quit', new Error('Connection is closed.'), 'redis'],
    ['Redis loading its dataset', redisError('ReplyError', 'LOADING Redis is loading the dataset in memory'), 'redis'],
    ['kafkajs unable to connect', new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1'), 'kafka'],
    ['kafkajs out of retries', new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 3000 }), 'kafka'],
    ['a retriable broker answer (leader moving)', protocolError({ message: 'There is no leader for this topic-partition', type: 'LEADER_NOT_AVAILABLE', code: 5, retriable: true }), 'kafka'],
    ['a bare refused socket', socketError('ECONNREFUSED'), 'network'],
    ['a bare reset socket', socketError('ECONNRESET', 'read ECONNRESET'), 'network'],
    ['an explicit outage', new DependencyUnavailableError('redis'), 'redis'],
  ] as const)('%s → %s', (_, error, expected) => {
    expect(dependencyOutage(error)).toBe(expected);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint "tasks_pkey"')],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a Redis script error', redisError('ReplyError', 'ERR Error running script')],
    ['a record too large', protocolError({ message: 'The request included a message larger than the max message size the server will accept', type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false })],
    ['an invalid message', new KafkaMessageInvalidError('task.assigned', 'payload: required')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
    ['nothing', undefined],
  ])('%s is not an outage', (_, error) => {
    expect(dependencyOutage(error)).toBeUndefined();
  });
});

describe('dependencyOutage: looking through wrappers', () => {
  it('finds the outage in a cause, kafkajs originalError, and an AggregateError', () => {
    // Prepare
    const refused = markDependency(socketError('ECONNREFUSED'), 'postgres');
    const inCause = new Error('could not save the task', { cause: new Error('Connection terminated unexpectedly') });
    // As kafkajs's retrier wraps what it gave up on.
    const exhausted = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 3000 });
    const viaKafkajs = Object.assign(new KafkaJSNonRetriableError(exhausted), { cause: exhausted });
    // Node 20 tries ::1 and 127.0.0.1 for "localhost" and rejects with both.
    const happyEyeballs = markDependency(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]), 'redis');

    // Act / Assess
    expect(dependencyOutage(refused)).toBe('postgres');
    expect(dependencyOutage(inCause)).toBe('postgres');
    expect(dependencyOutage(viaKafkajs)).toBe('kafka');
    expect(dependencyOutage(happyEyeballs)).toBe('redis');
  });

  it('attributes a bare socket error to the client that marked it, and a mark cannot be changed', () => {
    // Prepare
    const error = socketError('ECONNREFUSED');

    // Act
    const marked = markDependency(markDependency(error, 'kafka'), 'postgres');

    // Assess
    expect(marked).toBe(error);
    expect(dependencyOutage(marked)).toBe('kafka');
    expect(Object.keys(marked)).not.toContain('syntor.dependency');
  });

  it('does not let a mark turn an ordinary error into an outage', () => {
    expect(dependencyOutage(markDependency(pgError('23505', 'duplicate key'), 'postgres'))).toBeUndefined();
  });

  it('stops at a cause cycle', () => {
    // Prepare
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });

    // Act / Assess
    expect(dependencyOutage(a)).toBeUndefined();
  });
});

describe('DependencyUnavailableError', () => {
  it('is retriable, has a stable code, names the service and keeps the cause', () => {
    // Prepare
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:6379');

    // Act
    const error = new DependencyUnavailableError('redis', { cause });

    // Assess
    expect(error).toMatchObject({ code: 'dependency-unavailable', retriable: true, service: 'redis', cause });
    expect(error.message).toBe('Redis is unavailable: connect ECONNREFUSED 127.0.0.1:6379');
  });
});
