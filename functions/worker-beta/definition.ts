import { compute } from '../../lib/capabilities/builtin/compute.js';
import { dataTransform } from '../../lib/capabilities/builtin/dataTransform.js';
import type { Capability } from '../../lib/capabilities/types.js';
import type { WorkerDefinition } from '../../lib/worker/index.js';

/** Worker beta: overlaps alpha on compute and data.transform, so routing and load balancing show. */
export const beta: WorkerDefinition = {
  name: 'worker-beta',
  concurrency: 4,
  capabilities: [compute, dataTransform] as Capability[],
};
