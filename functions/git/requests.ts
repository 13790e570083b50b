import { createCapabilityRequestsHandler } from '../../lib/worker/index.js';
import { git } from './definition.js';

/** `git.*` service requests (same operations and params as the tasks), answered on syntor.services.response. */
export const handler = createCapabilityRequestsHandler(git);
