import { z } from 'zod';
import { defineCapability, type Capability } from '../../lib/capabilities/index.js';
import { handlerPath } from '../../lib/manifest/index.js';
import { createWorker, workerManifest, type WorkerDefinition } from '../../lib/worker/index.js';

/** The end-to-end benchmark's capability: does nothing, so what is measured is SYNTOR itself. */
const noop = defineCapability({
  name: 'noop',
  description: 'benchmark: returns at once',
  input: z.object({ sentAt: z.number() }),
  output: z.object({ sentAt: z.number() }),
  run: async (input) => input,
});

const worker: WorkerDefinition = { name: 'worker-bench', concurrency: 1_000, capabilities: [noop] as Capability[] };
const runtime = createWorker(worker);
export const execute = runtime.execute;
export const heartbeat = runtime.heartbeat;

const entry = handlerPath(import.meta.url, './benchWorker.ts');
export const benchWorkerAgent = workerManifest(
  worker,
  { execute: { entry, handler: 'execute' }, heartbeat: { entry, handler: 'heartbeat' } },
  { batchSize: 500, batchingWindowMs: 10 },
);
