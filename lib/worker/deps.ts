import { randomUUID } from 'node:crypto';
import { resolveConnections } from '../aws/index.js';
import { createKafka, createProducer, type SyntorProducer } from '../kafka/index.js';
import { createIdempotencyGuard, createRedis, type IdempotencyGuard } from '../store/index.js';

export interface WorkerDeps {
  producer: SyntorProducer;
  guard: IdempotencyGuard;
}

let shared: Promise<WorkerDeps> | undefined;

/** A worker's clients, created on first use (connections resolved as on AWS) and reused by every invocation. */
export function getWorkerDeps(): Promise<WorkerDeps> {
  // Clients connect on first use and reconnect by themselves; a failure to resolve or build them is
  // not cached, so the next invocation starts over.
  shared ??= resolveConnections()
    .then(({ config, kafka, redisTls }) => ({
      producer: createProducer(createKafka(config, kafka)),
      guard: createIdempotencyGuard(createRedis(config.redis, { tls: redisTls })),
    }))
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}

/** This execution environment's identity: one per cold start, as one Lambda instance. */
export const INSTANCE_ID = randomUUID().slice(0, 8);
