import { createCapabilityRequestsHandler } from '../../lib/worker/index.js';
import { docs } from './definition.js';

/** `docs.*` service requests (search, get, list, generate), answered on syntor.services.response. */
export const handler = createCapabilityRequestsHandler(docs);
