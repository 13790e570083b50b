// The entry of every execution environment. A worker thread does not inherit the parent's module
// loader hooks, so the TypeScript loader is registered here before the runtime (TypeScript) loads.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.runtime);
