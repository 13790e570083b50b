import { defineCapability } from '../../capabilities/defineCapability.js';
import type { Capability } from '../../capabilities/types.js';
import { getConfig } from '../../config/index.js';
import {
  gitBranchInputSchema,
  gitBranchResultSchema,
  gitCloneInputSchema,
  gitCloneResultSchema,
  gitCommitInputSchema,
  gitCommitResultSchema,
  gitListInputSchema,
  gitListResultSchema,
  gitMergeInputSchema,
  gitMergeResultSchema,
  gitPullInputSchema,
  gitPullResultSchema,
  gitPushInputSchema,
  gitPushResultSchema,
  gitStatusInputSchema,
  gitStatusResultSchema,
} from '../../contracts/index.js';
import { credentialTokenForUrl } from '../credentials/credentialTokenForUrl.js';
import { switchBranch } from '../operations/branch.js';
import { cloneOrUpdate } from '../operations/clone.js';
import { commitChanges } from '../operations/commit.js';
import { listRepositories } from '../operations/list.js';
import { mergeBranch } from '../operations/merge.js';
import { pullBranch } from '../operations/pull.js';
import { pushBranch } from '../operations/push.js';
import { repositoryStatus } from '../operations/status.js';
import { asCapability } from './asCapability.js';
import { progressReporter } from './progressReporter.js';

export interface GitCapabilitiesConfig {
  /** @default getConfig().git.workspace (SYNTOR_GIT_WORKSPACE), read at each run */
  workspace?: () => string;
}

/**
 * The git agent's capabilities, one per operation (`git.clone` … `git.push`); the same names are its
 * service-request operations. Inputs name a configured credential (`credential`), never a token; the
 * token goes to isomorphic-git's `onAuth` only, for the credential's own hosts, and errors are scrubbed of it.
 */
export function createGitCapabilities(config: GitCapabilitiesConfig = {}) {
  const workspace = config.workspace ?? (() => getConfig().git.workspace);
  const clone = defineCapability({
    name: 'git.clone',
    description: 'Clones a repository into the workspace (or updates an existing clone of it), reporting progress.',
    input: gitCloneInputSchema,
    output: gitCloneResultSchema,
    run: (input, ctx) =>
      asCapability('git.clone', ctx.signal, async () => {
        const { credential, ...options } = input;
        const token = await credentialTokenForUrl(credential, input.url);
        const { path, commit, branch, updated } = await cloneOrUpdate({ ...options, ...(token === undefined ? {} : { token }), workspace: workspace(), onProgress: progressReporter(ctx), signal: ctx.signal });
        ctx.log.info('repository cloned', { path, commit, updated });
        return { path, commit, ...(branch ? { branch } : {}), updated };
      }),
  });
  const pull = defineCapability({
    name: 'git.pull',
    description: "Fast-forwards the current branch to origin's.",
    input: gitPullInputSchema,
    output: gitPullResultSchema,
    run: (input, ctx) => asCapability('git.pull', ctx.signal, () => pullBranch(workspace(), input, ctx.signal)),
  });
  const status = defineCapability({
    name: 'git.status',
    description: 'Branch, commit and changed files of a repository in the workspace.',
    input: gitStatusInputSchema,
    output: gitStatusResultSchema,
    run: (input, ctx) => asCapability('git.status', ctx.signal, () => repositoryStatus(workspace(), input.path)),
  });
  const list = defineCapability({
    name: 'git.list',
    description: 'The repositories in the workspace.',
    input: gitListInputSchema,
    output: gitListResultSchema,
    run: (_input, ctx) => asCapability('git.list', ctx.signal, () => listRepositories(workspace())),
  });
  const branch = defineCapability({
    name: 'git.branch',
    description: 'Creates and/or switches to a branch.',
    input: gitBranchInputSchema,
    output: gitBranchResultSchema,
    run: (input, ctx) => asCapability('git.branch', ctx.signal, () => switchBranch(workspace(), input)),
  });
  const commit = defineCapability({
    name: 'git.commit',
    description: 'Stages changes (all, or the given paths) and commits them.',
    input: gitCommitInputSchema,
    output: gitCommitResultSchema,
    run: (input, ctx) => asCapability('git.commit', ctx.signal, () => commitChanges(workspace(), input)),
  });
  const merge = defineCapability({
    name: 'git.merge',
    description: 'Merges a branch into the current one (fast-forward or merge commit); a conflict changes nothing.',
    input: gitMergeInputSchema,
    output: gitMergeResultSchema,
    run: (input, ctx) => asCapability('git.merge', ctx.signal, () => mergeBranch(workspace(), input)),
  });
  const push = defineCapability({
    name: 'git.push',
    description: 'Pushes a branch to a remote.',
    input: gitPushInputSchema,
    output: gitPushResultSchema,
    run: (input, ctx) => asCapability('git.push', ctx.signal, () => pushBranch(workspace(), input, ctx.signal)),
  });
  return { clone, pull, status, list, branch, commit, merge, push };
}

/** The git capabilities on the configured workspace, in the order the agent lists them. */
export const GIT_CAPABILITIES: readonly Capability[] = Object.values(createGitCapabilities()) as Capability[];
