import { z } from 'zod';
import { defineCapability } from '../../../lib/capabilities/defineCapability.js';
import type { Capability } from '../../../lib/capabilities/types.js';
import { LIMITS } from '../../../lib/contracts/index.js';
import { createKafkaBatchHandler } from '../../../lib/handlers/index.js';
import { handlerPath } from '../../../lib/manifest/index.js';
import { createWorker, workerManifest, type WorkerDefinition } from '../../../lib/worker/index.js';
import { producer } from '../harness/support.js';

/** Every heartbeat the `isolating` handler processed, by agent name, in the order it did. */
export const processed: string[] = [];

/**
 * A Kafka handler of the usual shape whose processing always throws for agents named `bad-*` (a
 * plain Error, as a database refusing a value would), and otherwise remembers what it processed.
 */
export const isolating = createKafkaBatchHandler({
  accepts: ['agent.heartbeat'],
  producer: () => producer,
  async process(records) {
    const agents = records.map((r) => r.message.payload.agent);
    const bad = agents.find((a) => a.startsWith('bad-'));
    if (bad) throw new Error(`refusing ${bad}`);
    processed.push(...agents);
  },
});

/** How often the oversized capability ran. */
export const oversizedRuns = { count: 0 };

/** Returns a result larger than the broker's limit, let alone the result cap. */
const oversized = defineCapability({
  name: 'oversized',
  description: 'test-only: a result over 1 MiB',
  input: z.object({}),
  output: z.object({ text: z.string() }),
  run: async () => {
    oversizedRuns.count += 1;
    return { text: 'x'.repeat(LIMITS.brokerMessageBytes + 100 * 1024) };
  },
});

const worker: WorkerDefinition = { name: 'worker-oversized', concurrency: 2, capabilities: [oversized] as Capability[] };
const runtime = createWorker(worker);
export const execute = runtime.execute;
export const heartbeat = runtime.heartbeat;

const entry = handlerPath(import.meta.url, './fixtures.ts');
export const oversizedAgent = workerManifest(worker, { execute: { entry, handler: 'execute' }, heartbeat: { entry, handler: 'heartbeat' } });
export const isolatingEntry = { entry, handler: 'isolating' };
