import { z } from 'zod';

/**
 * The git agent's operations: each one's input (a task payload or a service request's params) and
 * result. Paths are relative to the agent's workspace; lib/git confines them (it needs the file system
 * to see symlinks, so that check is not a schema's).
 */

/** A directory or file path relative to the workspace (or to the repository, for `paths`). */
export const gitPathSchema = z.string().min(1).max(1024);
/** A branch, tag or commit: what `git rev-parse` would take, without option-like or range syntax. */
export const gitRefSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?!-)(?!.*\.\.)(?!.*[\s~^:?*[\\])(?!.*@\{)[^\0]+$/, 'a branch, tag or commit name (no spaces, "..", "~", "^", ":", "?", "*", "[" or "\\")');
/**
 * The name of a credential configured for the git agent (SYNTOR_GIT_CREDENTIALS, or the secret
 * SYNTOR_GIT_CREDENTIALS_SECRET_ARN), sent only to that credential's hosts. Payloads carry the name,
 * never the token: a payload is stored, published and dead-lettered (see secretFields.ts).
 */
export const gitCredentialNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'the name of a configured credential (letters, digits, ".", "_", "-")');
export const gitAuthorSchema = z.object({ name: z.string().min(1).max(200), email: z.string().min(3).max(320) });

const repoInput = { path: gitPathSchema };
const repoResult = { path: z.string(), branch: z.string().optional(), commit: z.string().optional() };

export const gitCloneInputSchema = z.strictObject({
  url: z.string().min(1).max(2048),
  path: gitPathSchema.optional(),
  ref: gitRefSchema.optional(),
  depth: z.int().min(1).max(1_000_000).optional(),
  credential: gitCredentialNameSchema.optional(),
});
export const gitCloneResultSchema = z.object({ path: z.string(), commit: z.string(), branch: z.string().optional(), updated: z.boolean() });

export const gitPullInputSchema = z.strictObject({ ...repoInput, branch: gitRefSchema.optional(), credential: gitCredentialNameSchema.optional() });
export const gitPullResultSchema = z.object({ ...repoResult, previousCommit: z.string().optional(), updated: z.boolean() });

export const gitStatusInputSchema = z.strictObject(repoInput);
export const gitFileChangesSchema = z.object({
  modified: z.array(z.string()),
  added: z.array(z.string()),
  deleted: z.array(z.string()),
  untracked: z.array(z.string()),
});
export const gitStatusResultSchema = z.object({
  ...repoResult,
  clean: z.boolean(),
  files: gitFileChangesSchema,
  /** Each list stops at 1,000 paths; true when one was cut. */
  truncated: z.boolean(),
});

export const gitListInputSchema = z.strictObject({});
export const gitRepositorySummarySchema = z.object({ ...repoResult, remote: z.string().optional() });
export const gitListResultSchema = z.object({ repositories: z.array(gitRepositorySummarySchema) });

export const gitBranchInputSchema = z.strictObject({
  ...repoInput,
  name: gitRefSchema,
  /** Create the branch (at `from`, else HEAD). Default: create it when it does not exist. */
  create: z.boolean().optional(),
  /** Switch to it. Default true. */
  checkout: z.boolean().default(true),
  from: gitRefSchema.optional(),
});
export const gitBranchResultSchema = z.object({ ...repoResult, name: z.string(), created: z.boolean() });

export const gitCommitInputSchema = z.strictObject({
  ...repoInput,
  message: z.string().min(1).max(10_000),
  /** Files to stage, relative to the repository. Default: every change, deletions included. */
  paths: z.array(gitPathSchema).min(1).max(10_000).optional(),
  author: gitAuthorSchema.optional(),
  allowEmpty: z.boolean().default(false),
});
export const gitCommitResultSchema = z.object({ ...repoResult, commit: z.string(), files: z.int().min(0), author: gitAuthorSchema });

export const gitMergeInputSchema = z.strictObject({
  ...repoInput,
  /** The branch or commit merged in. */
  theirs: gitRefSchema,
  fastForwardOnly: z.boolean().default(false),
  /** Always make a merge commit, even when a fast-forward would do. */
  noFastForward: z.boolean().default(false),
  message: z.string().min(1).max(10_000).optional(),
  author: gitAuthorSchema.optional(),
});
export const gitMergeResultSchema = z.object({
  ...repoResult,
  commit: z.string(),
  fastForward: z.boolean(),
  mergeCommit: z.boolean(),
  alreadyMerged: z.boolean(),
});

export const gitPushInputSchema = z.strictObject({
  ...repoInput,
  remote: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a remote name such as "origin"').default('origin'),
  branch: gitRefSchema.optional(),
  remoteBranch: gitRefSchema.optional(),
  force: z.boolean().default(false),
  credential: gitCredentialNameSchema.optional(),
});
export const gitPushResultSchema = z.object({ ...repoResult, remoteBranch: z.string(), ok: z.boolean() });

export type GitCloneInput = z.infer<typeof gitCloneInputSchema>;
export type GitCloneResult = z.infer<typeof gitCloneResultSchema>;
export type GitPullInput = z.infer<typeof gitPullInputSchema>;
export type GitPullResult = z.infer<typeof gitPullResultSchema>;
export type GitStatusInput = z.infer<typeof gitStatusInputSchema>;
export type GitStatusResult = z.infer<typeof gitStatusResultSchema>;
export type GitFileChanges = z.infer<typeof gitFileChangesSchema>;
export type GitListResult = z.infer<typeof gitListResultSchema>;
export type GitRepositorySummary = z.infer<typeof gitRepositorySummarySchema>;
export type GitBranchInput = z.infer<typeof gitBranchInputSchema>;
export type GitBranchResult = z.infer<typeof gitBranchResultSchema>;
export type GitCommitInput = z.infer<typeof gitCommitInputSchema>;
export type GitCommitResult = z.infer<typeof gitCommitResultSchema>;
export type GitMergeInput = z.infer<typeof gitMergeInputSchema>;
export type GitMergeResult = z.infer<typeof gitMergeResultSchema>;
export type GitPushInput = z.infer<typeof gitPushInputSchema>;
export type GitPushResult = z.infer<typeof gitPushResultSchema>;
export type GitAuthor = z.infer<typeof gitAuthorSchema>;
