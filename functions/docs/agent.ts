import { TOPICS } from '../../lib/contracts/index.js';
import { handlerPath } from '../../lib/manifest/index.js';
import { workerEntries, workerManifest } from '../../lib/worker/index.js';
import { docs } from './definition.js';

export default workerManifest(docs, workerEntries(import.meta.url), {
  description: 'API documentation from source (TypeScript/JavaScript, Go, Python): generate, get, list, full-text search',
  // The TypeScript compiler parses each file; large repositories need the room.
  memoryMb: 1024,
  batchSize: 4,
  functions: [
    {
      name: 'requests',
      entry: handlerPath(import.meta.url, './requests.ts'),
      memoryMb: 1024,
      timeoutSeconds: 300,
      triggers: [{ type: 'kafka', topic: TOPICS.serviceRequest, filters: [{ value: { target: ['docs'] } }], batchSize: 20, batchingWindowMs: 20 }],
    },
  ],
});
