import { TOPICS } from '../../lib/contracts/index.js';
import { handlerPath } from '../../lib/manifest/index.js';
import { workerEntries, workerManifest } from '../../lib/worker/index.js';
import { git } from './definition.js';

export default workerManifest(git, workerEntries(import.meta.url), {
  description: 'Git operations in a workspace (clone, pull, status, list, branch, commit, merge, push) with pure-JavaScript git',
  // isomorphic-git holds a pack in memory while it indexes it.
  memoryMb: 1024,
  batchSize: 4,
  functions: [
    {
      name: 'requests',
      entry: handlerPath(import.meta.url, './requests.ts'),
      memoryMb: 1024,
      timeoutSeconds: 900,
      triggers: [{ type: 'kafka', topic: TOPICS.serviceRequest, filters: [{ value: { target: ['git'] } }], batchSize: 4, batchingWindowMs: 20 }],
    },
  ],
});
