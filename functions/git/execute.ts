import { createWorker } from '../../lib/worker/index.js';
import { git } from './definition.js';

export const { execute: handler } = createWorker(git);
