import { compute, dataTransform, httpRequest, type Capability } from '../../lib/capabilities/index.js';
import type { WorkerDefinition } from '../../lib/worker/index.js';

/**
 * Worker beta: overlaps alpha on compute and data.transform (so routing and load balancing show) and
 * alone makes outbound HTTP calls, behind the SSRF guard (SYNTOR_HTTP_ALLOWED_HOSTS, SYNTOR_HTTP_ALLOW_PRIVATE).
 */
export const beta: WorkerDefinition = {
  name: 'worker-beta',
  concurrency: 4,
  capabilities: [compute, dataTransform, httpRequest] as Capability[],
};
