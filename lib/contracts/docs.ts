import { z } from 'zod';
import { gitCredentialNameSchema } from './git.js';

/** Languages the documentation agent reads. */
export const DOCS_LANGUAGES = ['typescript', 'javascript', 'go', 'python'] as const;
export const docsLanguageSchema = z.enum(DOCS_LANGUAGES);

/** The path of the index document of a generation; no module path can start with `@`. */
export const DOCS_INDEX_PATH = '@index';

/** A repository key: the name or URL the documents are stored under. */
const repositoryKeySchema = z.string().trim().min(1, 'a repository name or URL').max(500);
/** A commit id (full or abbreviated), a branch or a tag; `HEAD` when omitted. */
const commitRefSchema = z.string().regex(/^(?!-)[A-Za-z0-9._/-]{1,250}$/, 'a commit id, branch or tag (letters, digits, ".", "_", "/", "-")');
/** A stored commit: a full or abbreviated (≥ 4 hex digits) commit id. */
const storedCommitSchema = z.string().regex(/^[0-9a-f]{4,64}$/, 'a commit id (at least 4 lower-case hex digits)');
const documentPathSchema = z.string().min(1, 'a module path such as "src/index.ts" (or "@index")').max(1000);

/**
 * `docs.generate`: document a repository at a commit. Either `repository` + `path` (a workspace-relative
 * directory of an existing clone, e.g. made by a `git.clone` task) or `url` (+ `ref`) to clone it first.
 */
export const docsGenerateInputSchema = z
  .object({
    repository: repositoryKeySchema.optional(),
    path: z.string().min(1).max(1000).optional(),
    url: z.string().url('an http(s) URL of a git repository').max(2000).optional(),
    ref: commitRefSchema.optional(),
    /** A configured git credential to clone `url` with (see `gitCredentialNameSchema`). */
    credential: gitCredentialNameSchema.optional(),
    commit: commitRefSchema.optional(),
    summarize: z.boolean().default(false),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.url !== undefined && input.path !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'give either "path" (an existing clone) or "url" (to clone), not both' });
    } else if (input.url === undefined && input.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'give "path" (a workspace-relative clone, with "repository") or "url" (to clone)' });
    } else if (input.path !== undefined && input.repository === undefined) {
      ctx.addIssue({ code: 'custom', path: ['repository'], message: 'a repository name or URL to store the documents under (required with "path")' });
    }
    if (input.credential !== undefined && input.url === undefined) {
      ctx.addIssue({ code: 'custom', path: ['credential'], message: '"credential" authenticates the clone of "url" and needs "url"' });
    }
    if (input.ref !== undefined && input.url === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ref'], message: '"ref" chooses what to clone and needs "url"; use "commit" for an existing clone' });
    }
  });

/** Whether modules got an AI summary in this generation, and why not when they did not. */
export const docsSummariesSchema = z.discriminatedUnion('enabled', [
  z.object({
    enabled: z.literal(true),
    provider: z.string(),
    summarized: z.number().int().min(0),
    /** Modules beyond the per-generation cap, documented without a summary. */
    skipped: z.number().int().min(0),
    failed: z.array(z.object({ path: z.string(), reason: z.string() })),
  }),
  z.object({ enabled: z.literal(false), reason: z.string() }),
]);

export const docsDocumentInfoSchema = z.object({
  repository: z.string(),
  commit: z.string(),
  path: z.string(),
  kind: z.enum(['module', 'index']),
  language: docsLanguageSchema.nullable(),
  title: z.string(),
  generatedAt: z.string(),
});

export const docsGenerateResultSchema = z.object({
  repository: z.string(),
  commit: z.string(),
  /** One per documented module, plus the index. */
  documents: z.array(z.object({ path: z.string(), kind: z.enum(['module', 'index']), language: docsLanguageSchema.nullable(), symbols: z.number().int().min(0) })),
  /** Documents of an earlier generation of this commit that are no longer produced, now deleted. */
  removed: z.number().int().min(0),
  summaries: docsSummariesSchema,
  /** What was skipped and why (file too large, repository limit reached, unreadable source…). */
  notes: z.array(z.string()),
});

export const docsGetInputSchema = z.object({
  repository: repositoryKeySchema,
  /** The latest generated commit of the repository when omitted. */
  commit: storedCommitSchema.optional(),
  path: documentPathSchema,
}).strict();

export const docsDocumentSchema = docsDocumentInfoSchema.extend({ content: z.string(), summary: z.string().nullable() });

export const docsListInputSchema = z.object({
  /** Without it: the latest generation of every repository. */
  repository: repositoryKeySchema.optional(),
  /** The latest generated commit when omitted. */
  commit: storedCommitSchema.optional(),
  limit: z.int().min(1).max(1000).default(200),
}).strict();

export const docsListResultSchema = z.object({ documents: z.array(docsDocumentInfoSchema) });

export const docsSearchInputSchema = z.object({
  /** Web-search syntax: words, "quoted phrases", `or`, `-excluded`. */
  query: z.string().trim().min(1, 'words to search for').max(500),
  repository: repositoryKeySchema.optional(),
  /** The latest generated commit of each repository when omitted. */
  commit: storedCommitSchema.optional(),
  limit: z.int().min(1).max(100).default(10),
}).strict();

export const docsSearchResultSchema = z.object({
  results: z.array(docsDocumentInfoSchema.extend({
    rank: z.number(),
    /** Matching passages, matches between `<mark>` and `</mark>`. */
    snippet: z.string(),
  })),
});

export type DocsLanguage = z.infer<typeof docsLanguageSchema>;
export type DocsGenerateInput = z.infer<typeof docsGenerateInputSchema>;
export type DocsGenerateResult = z.infer<typeof docsGenerateResultSchema>;
export type DocsSummaries = z.infer<typeof docsSummariesSchema>;
export type DocsDocumentInfo = z.infer<typeof docsDocumentInfoSchema>;
export type DocsDocument = z.infer<typeof docsDocumentSchema>;
export type DocsGetInput = z.infer<typeof docsGetInputSchema>;
export type DocsListInput = z.infer<typeof docsListInputSchema>;
export type DocsListResult = z.infer<typeof docsListResultSchema>;
export type DocsSearchInput = z.infer<typeof docsSearchInputSchema>;
export type DocsSearchResult = z.infer<typeof docsSearchResultSchema>;
