import { createWorker } from '../../lib/worker/index.js';
import { docs } from './definition.js';

export const { heartbeat: handler } = createWorker(docs);
