export { createWorker } from './createWorker.js';
export type { WorkerDefinition } from './types.js';
export { workerEntries, workerManifest, type WorkerEntries } from './workerManifest.js';
