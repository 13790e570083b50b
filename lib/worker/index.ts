export { createWorker } from './createWorker.js';
export type { WorkerDefinition } from './types.js';
