import { requestsFunction, workerEntries, workerManifest } from '../../lib/worker/index.js';
import { git } from './definition.js';

export default workerManifest(git, workerEntries(import.meta.url), {
  description: 'Git operations in a workspace (clone, pull, status, list, branch, commit, merge, push) with pure-JavaScript git',
  // isomorphic-git holds a pack in memory while it indexes it.
  memoryMb: 1024,
  batchSize: 4,
  functions: [requestsFunction(import.meta.url, git.name, { memoryMb: 1024, timeoutSeconds: 840, batchSize: 4 })],
});
