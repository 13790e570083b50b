import { compute, dataTransform, type Capability } from '../../lib/capabilities/index.js';
import type { WorkerDefinition } from '../../lib/worker/index.js';

/** Worker alpha: number crunching and JSON reshaping. Adding a capability is adding it to this list. */
export const alpha: WorkerDefinition = {
  name: 'worker-alpha',
  concurrency: 8,
  capabilities: [compute, dataTransform] as Capability[],
};
