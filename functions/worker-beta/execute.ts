import { createWorker } from '../../lib/worker/index.js';
import { beta } from './definition.js';

export const { execute: handler } = createWorker(beta);
