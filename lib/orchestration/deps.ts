import type pg from 'pg';
import type { Redis } from 'ioredis';
import { getConfig, type SyntorConfig } from '../config/index.js';
import { createKafka, createProducer, type SyntorProducer } from '../kafka/index.js';
import {
  createAgentStore,
  createDeadLetterStore,
  createIdempotencyGuard,
  createInFlight,
  createLiveness,
  createPool,
  createRedis,
  createTaskBatchStore,
  createTaskStore,
} from '../store/index.js';

/** Everything the orchestration code talks to; built once per process (a Lambda cold start) and reused. */
export function createDeps(config: SyntorConfig) {
  const pool: pg.Pool = createPool(config.postgres);
  const redis: Redis = createRedis(config.redis);
  const producer: SyntorProducer = createProducer(createKafka(config));
  return {
    config,
    pool,
    redis,
    producer,
    tasks: createTaskStore(pool),
    batches: createTaskBatchStore(pool),
    agents: createAgentStore(pool),
    deadLetters: createDeadLetterStore(pool),
    liveness: createLiveness(redis),
    inFlight: createInFlight(redis),
    guard: createIdempotencyGuard(redis),
    async close() {
      await producer.disconnect();
      await redis.quit().catch(() => undefined);
      await pool.end();
    },
  };
}

export type Deps = ReturnType<typeof createDeps>;

let shared: Deps | undefined;

/** The process-wide deps, created on first use: what every handler module calls. */
export function getDeps(): Deps {
  shared ??= createDeps(getConfig());
  return shared;
}
