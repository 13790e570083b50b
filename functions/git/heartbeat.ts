import { createWorker } from '../../lib/worker/index.js';
import { git } from './definition.js';

export const { heartbeat: handler } = createWorker(git);
