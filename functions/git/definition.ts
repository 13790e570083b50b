import { GIT_CAPABILITIES } from '../../lib/git/index.js';
import type { WorkerDefinition } from '../../lib/worker/index.js';

/**
 * The git operations agent: a service agent reached by `git.*` tasks (routed by the coordinator) and
 * by `syntor.services.request` messages with `target: "git"`. Clones are slow and disk-bound, so it
 * runs two at once.
 */
export const git: WorkerDefinition = {
  name: 'git',
  kind: 'service',
  concurrency: 2,
  capabilities: GIT_CAPABILITIES,
};
