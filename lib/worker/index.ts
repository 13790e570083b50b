export { createWorker } from './createWorker.js';
export type { WorkerDefinition } from './types.js';
export { requestsFunction, workerEntries, workerManifest, type WorkerEntries } from './workerManifest.js';
export { answerCapabilityRequests, createCapabilityRequestsHandler, type CapabilityRequestRecord, type CapabilityRequestsRun } from './capabilityRequests.js';
