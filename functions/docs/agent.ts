import { requestsFunction, workerEntries, workerManifest } from '../../lib/worker/index.js';
import { docs } from './definition.js';

export default workerManifest(docs, workerEntries(import.meta.url), {
  description: 'API documentation from source (TypeScript/JavaScript, Go, Python): generate, get, list, full-text search',
  // The TypeScript compiler parses each file; large repositories need the room.
  memoryMb: 1024,
  batchSize: 4,
  functions: [requestsFunction(import.meta.url, docs.name, { memoryMb: 1024, timeoutSeconds: 300, batchSize: 20 })],
});
