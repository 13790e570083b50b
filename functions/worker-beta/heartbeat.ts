import { createWorker } from '../../lib/worker/index.js';
import { beta } from './definition.js';

export const { heartbeat: handler } = createWorker(beta);
