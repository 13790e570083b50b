import { TOPICS } from '../lib/contracts/index.js';
import { defineAgent, handlerPath } from '../lib/manifest/index.js';
import type { WorkerDefinition } from '../lib/worker/index.js';

/**
 * The manifest every worker agent shares: `execute` on the assignments addressed to it (the filter
 * on `target`), `heartbeat` every minute. Capabilities and concurrency come from its definition.
 */
export function workerManifest(worker: WorkerDefinition, manifestUrl: string) {
  return defineAgent({
    name: worker.name,
    kind: 'worker',
    capabilities: worker.capabilities.map((c) => c.name),
    concurrency: worker.concurrency,
    functions: [
      {
        name: 'execute',
        entry: handlerPath(manifestUrl, './execute.ts'),
        memoryMb: 512,
        timeoutSeconds: 900,
        triggers: [
          {
            type: 'kafka',
            topic: TOPICS.taskAssignment,
            filters: [{ value: { target: [worker.name] } }],
            batchSize: worker.concurrency * 4,
            batchingWindowMs: 20,
          },
        ],
      },
      { name: 'heartbeat', entry: handlerPath(manifestUrl, './heartbeat.ts'), timeoutSeconds: 10, triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] },
    ],
  });
}
