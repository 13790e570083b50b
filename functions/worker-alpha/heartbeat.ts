import { createWorker } from '../../lib/worker/index.js';
import { alpha } from './definition.js';

export const { heartbeat: handler } = createWorker(alpha);
