import { DOCS_INDEX_PATH, type DocsGenerateInput, type DocsGenerateResult } from '../contracts/index.js';
import { cloneOrUpdate, credentialTokenForUrl, resolveInWorkspace } from '../git/index.js';
import { PROGRESS_INTERVAL_MS, SOURCE_LIMITS } from './constants.js';
import { DocsRepositoryTakenError } from './errors.js';
import type { DocsDeps } from './deps.js';
import { extractModules } from './extract/extractModules.js';
import { throttledProgress } from './progress.js';
import { renderIndex } from './render/renderIndex.js';
import { renderModule } from './render/renderModule.js';
import { readTreeAtCommit, type SourceLimits } from './source/readTreeAtCommit.js';
import { resolveCommit } from './source/resolveCommit.js';
import { summarizeModules } from './summaries/summarizeModules.js';

export interface GenerateContext {
  reportProgress?: (percent: number, message?: string) => Promise<void>;
  signal?: AbortSignal;
  limits?: SourceLimits;
}

/**
 * Documents a repository at a commit: resolve the source (an existing clone in the workspace, or a
 * fresh clone of `url`), read the tree at the commit from git's objects, extract every module,
 * optionally summarize, render one Markdown document per module plus the index, and store them as
 * the generation of (repository, commit), replacing an earlier one.
 *
 * @example
 * await generateDocs(deps, { repository: 'acme/api', path: 'api', summarize: false });
 */
export async function generateDocs(deps: DocsDeps, input: DocsGenerateInput, ctx: GenerateContext = {}): Promise<DocsGenerateResult> {
  const progress = throttledProgress(ctx.reportProgress ?? (async () => undefined), PROGRESS_INTERVAL_MS);
  const source = await resolveSource(deps, input, ctx, progress);
  const commit = await resolveCommit(source.dir, input.commit ?? source.commit ?? 'HEAD');
  progress(20, `reading ${source.repository} at ${commit.slice(0, 12)}`, true);

  const tree = await readTreeAtCommit(source.dir, commit, ctx.limits ?? SOURCE_LIMITS, ctx.signal);
  const extracted = await extractModules(tree.files, (done, total) => progress(20 + (40 * done) / total, `extracted ${done}/${total} modules`));
  const modules = extracted.modules;

  const summaries = input.summarize
    ? await summarizeModules(modules, commit, deps.models, {
        limits: deps.summaries,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onSummary: (done, total) => progress(60 + (30 * done) / total, `summarized ${done}/${total} modules`),
      })
    : ({ enabled: false, reason: 'not requested (set "summarize": true)' } as const);

  const documents = [
    ...modules.map((m) => ({ path: m.path, language: m.language, title: m.title, content: renderModule(m, commit), summary: m.summary ?? null })),
    { path: DOCS_INDEX_PATH, language: null, title: `${source.repository} API documentation`, content: renderIndex(source.repository, commit, modules), summary: null },
  ];
  progress(95, `storing ${documents.length} documents`, true);
  const stored = await deps.store.replaceGeneration(source.repository, commit, documents, source.key);
  if ('taken' in stored) throw new DocsRepositoryTakenError(source.repository);
  const { removed } = stored;
  return {
    repository: source.repository,
    commit,
    documents: [
      ...modules.map((m) => ({ path: m.path, kind: 'module' as const, language: m.language, symbols: m.symbols.length })),
      { path: DOCS_INDEX_PATH, kind: 'index' as const, language: null, symbols: 0 },
    ],
    removed,
    summaries,
    notes: [...tree.notes, ...extracted.notes],
  };
}

interface Source {
  repository: string;
  /** Where the documents come from, as the repository name's owner is recorded: the URL, or the clone's path. */
  key: string;
  dir: string;
  /** The commit the clone checked out, when this call cloned. */
  commit?: string;
}

async function resolveSource(deps: DocsDeps, input: DocsGenerateInput, ctx: GenerateContext, progress: ReturnType<typeof throttledProgress>): Promise<Source> {
  if (input.url) {
    progress(0, `cloning ${input.url}`, true);
    const token = await credentialTokenForUrl(input.credential, input.url);
    const clone = await cloneOrUpdate({
      workspace: deps.workspace,
      url: input.url,
      ...(input.ref ? { ref: input.ref } : {}),
      ...(token === undefined ? {} : { token }),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (e) => progress(e.total ? (15 * e.loaded) / e.total : 5, `clone: ${e.phase}`),
    });
    return { repository: input.repository ?? input.url, key: sourceKeyOfUrl(input.url), dir: clone.dir, commit: clone.commit };
  }
  const { dir, path } = await resolveInWorkspace(deps.workspace, input.path!);
  return { repository: input.repository!, key: `workspace:${path}`, dir };
}

/** A URL as a source: no credentials, query or fragment, and `x`, `x/` and `x.git` the same repository. */
function sourceKeyOfUrl(url: string): string {
  const parsed = new URL(url);
  return `url:${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`;
}
