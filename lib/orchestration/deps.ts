import type { KafkaConfig } from 'kafkajs';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import { resolveConnections, type Connections } from '../aws/index.js';
import type { SyntorConfig } from '../config/index.js';
import { createKafka, createProducer, type SyntorProducer } from '../kafka/index.js';
import { createLogger } from '../observability/index.js';
import {
  createAgentStore,
  createDeadLetterStore,
  createOutboxStore,
  createIdempotencyGuard,
  createInFlight,
  createLiveness,
  createLocks,
  createPool,
  createRedis,
  createRoutingTurns,
  createTaskRepository,
  createWorkflowStore,
} from '../store/index.js';
import type { Ports } from './ports.js';

/**
 * The ports wired to PostgreSQL, Redis and Kafka, built once per process (a Lambda cold start) and
 * reused. Orchestration functions take only the ports they call (see ports.ts); `pool` and `redis`
 * stay on the object for the API's reads and for tests, never for coordination logic.
 * `connections.kafka` is merged into the kafkajs client settings (TLS and IAM on AWS; retry or timeouts where a caller needs them).
 */
export function createDeps(
  config: SyntorConfig,
  connections: { kafka: Partial<KafkaConfig>; redisTls: Connections['redisTls']; postgresPassword?: Connections['postgresPassword'] } = { kafka: {}, redisTls: false },
) {
  const pool: pg.Pool = createPool(config.postgres, { password: connections.postgresPassword });
  const redis: Redis = createRedis(config.redis, { tls: connections.redisTls });
  const producer: SyntorProducer = createProducer(createKafka(config, connections.kafka));
  const ports = {
    config,
    producer,
    log: createLogger({ level: config.logLevel }),
    tasks: createTaskRepository(pool),
    agents: createAgentStore(pool),
    deadLetters: createDeadLetterStore(pool),
    outbox: createOutboxStore(pool),
    workflows: createWorkflowStore(pool),
    liveness: createLiveness(redis),
    inFlight: createInFlight(redis),
    locks: createLocks(redis),
    turns: createRoutingTurns(redis),
  } satisfies Ports;
  return {
    ...ports,
    pool,
    redis,
    guard: createIdempotencyGuard(redis),
    async close() {
      await producer.disconnect();
      await redis.quit().catch(() => undefined);
      await pool.end();
    },
  };
}

export type Deps = ReturnType<typeof createDeps>;

let shared: Promise<Deps> | undefined;

/**
 * The process-wide deps, created on first use: what every handler calls. Where the clients connect
 * is resolved once (on AWS: MSK brokers and IAM auth, secrets), so a handler does not know where it runs.
 */
export function getDeps(): Promise<Deps> {
  // No client connects here (each does on first use and reconnects by itself), so what can fail is
  // resolving where they are, or building them: either way the next call starts over.
  shared ??= resolveConnections()
    .then((connections) => createDeps(connections.config, connections))
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}
