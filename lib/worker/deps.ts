import { randomUUID } from 'node:crypto';
import { getConfig } from '../config/index.js';
import { createKafka, createProducer, type SyntorProducer } from '../kafka/index.js';
import { createIdempotencyGuard, createRedis, type IdempotencyGuard } from '../store/index.js';

export interface WorkerDeps {
  producer: SyntorProducer;
  guard: IdempotencyGuard;
}

let shared: WorkerDeps | undefined;

/** A worker's clients, created on first use and reused by every invocation of the instance. */
export function getWorkerDeps(): WorkerDeps {
  if (!shared) {
    const config = getConfig();
    shared = { producer: createProducer(createKafka(config)), guard: createIdempotencyGuard(createRedis(config.redis)) };
  }
  return shared;
}

/** This execution environment's identity: one per cold start, as one Lambda instance. */
export const INSTANCE_ID = randomUUID().slice(0, 8);
