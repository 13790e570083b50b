import { createDocsCapabilities, getDocsDeps } from '../../lib/docs/index.js';
import type { WorkerDefinition } from '../../lib/worker/index.js';

/**
 * The documentation agent: a service agent reached by `docs.*` tasks (routed by the coordinator)
 * and by `syntor.services.request` messages with `target: "docs"`.
 */
export const docs: WorkerDefinition = {
  name: 'docs',
  kind: 'service',
  concurrency: 2,
  capabilities: createDocsCapabilities(getDocsDeps),
};
