import { z } from 'zod';
import { defineCapability, type Capability } from '../../lib/capabilities/index.js';
import { TOPICS } from '../../lib/contracts/index.js';
import { defineAgent, handlerPath } from '../../lib/manifest/index.js';
import { createWorker, type WorkerDefinition } from '../../lib/worker/index.js';

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
export const benchWorkerAgent = defineAgent({
  name: worker.name,
  kind: 'worker',
  capabilities: ['noop'],
  concurrency: worker.concurrency,
  functions: [
    {
      name: 'execute',
      entry,
      handler: 'execute',
      triggers: [{ type: 'kafka', topic: TOPICS.taskAssignment, filters: [{ value: { target: [worker.name] } }], batchSize: 500, batchingWindowMs: 10 }],
    },
    { name: 'heartbeat', entry, handler: 'heartbeat', triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] },
  ],
});
