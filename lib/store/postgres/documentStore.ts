import type pg from 'pg';
import { DOCS_INDEX_PATH, type DocsDocument, type DocsDocumentInfo, type DocsLanguage } from '../../contracts/index.js';
import { inTransaction } from './pool.js';
import { storableText, storableTextOrNull } from './storable.js';

/** A document as a generation produces it. */
export interface GeneratedDocument {
  path: string;
  language: DocsLanguage | null;
  title: string;
  content: string;
  summary: string | null;
}

export interface SearchHit extends DocsDocumentInfo {
  rank: number;
  snippet: string;
}

interface InfoRow {
  repository: string;
  commit: string;
  path: string;
  language: DocsLanguage | null;
  title: string;
  updated_at: Date;
}

const INFO_COLUMNS = 'd.repository, d.commit, d.path, d.language, d.title, d.updated_at';

function infoOf(row: InfoRow): DocsDocumentInfo {
  return {
    repository: row.repository,
    commit: row.commit,
    path: row.path,
    kind: row.path === DOCS_INDEX_PATH ? 'index' : 'module',
    language: row.language,
    title: row.title,
    generatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The generations a query covers, as a CTE named `scope`: the given commit (a full id or a prefix) of
 * the given repository, or — with no commit — the latest generated commit of it (of every repository
 * with none). A generation's time is its index document's `updated_at`: every document of one
 * generation is written in one transaction, so they share `now()`.
 */
const SCOPE = `scope AS (
  SELECT DISTINCT ON (repository) repository, commit FROM documents
  WHERE path = '${DOCS_INDEX_PATH}' AND ($1::text IS NULL OR repository = $1) AND ($2::text IS NULL OR starts_with(commit, $2))
  ORDER BY repository, updated_at DESC, commit
)`;

/**
 * Generated documentation in PostgreSQL, versioned by repository and commit; full-text search over
 * the generated `search` column (title A, summary B, content C).
 */
export function createDocumentStore(pool: pg.Pool) {
  return {
    /**
     * Stores one generation of (repository, commit) in one transaction: documents of an earlier
     * generation of the same commit that are not produced again are deleted, the rest upserted — so
     * regenerating replaces, never duplicates. Concurrent generations of one commit take turns.
     *
     * @returns how many earlier documents were removed.
     */
    async replaceGeneration(repository: string, commit: string, documents: readonly GeneratedDocument[], source: string): Promise<{ removed: number } | { taken: true }> {
      const sorted = [...documents].sort((a, b) => a.path.localeCompare(b.path));
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`docs:${repository}`, commit]);
        // The first generation under a name claims it; another source's generation must not replace its documents.
        await client.query('INSERT INTO document_sources (repository, source) VALUES ($1, $2) ON CONFLICT (repository) DO NOTHING', [repository, source]);
        const owner = await client.query<{ source: string }>('SELECT source FROM document_sources WHERE repository = $1', [repository]);
        if (owner.rows[0]?.source !== source) return { taken: true as const };
        const removed = await client.query('DELETE FROM documents WHERE repository = $1 AND commit = $2 AND NOT (path = ANY($3::text[]))', [repository, commit, sorted.map((d) => d.path)]);
        await client.query(
          `INSERT INTO documents (repository, commit, path, language, title, content, summary)
           SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           ON CONFLICT (repository, commit, path) DO UPDATE
             SET language = EXCLUDED.language, title = EXCLUDED.title, content = EXCLUDED.content, summary = EXCLUDED.summary, updated_at = now()`,
          // Source files may hold NUL bytes, which a text column refuses.
          [repository, commit, sorted.map((d) => d.path), sorted.map((d) => d.language), sorted.map((d) => storableText(d.title)), sorted.map((d) => storableText(d.content)), sorted.map((d) => storableTextOrNull(d.summary))],
        );
        return { removed: removed.rowCount ?? 0 };
      });
    },

    /** One document; with no commit, from the latest generated commit of the repository. */
    async get(repository: string, path: string, commit?: string): Promise<DocsDocument | undefined> {
      const { rows } = await pool.query<InfoRow & { content: string; summary: string | null }>(
        `WITH ${SCOPE} SELECT ${INFO_COLUMNS}, d.content, d.summary FROM documents d JOIN scope USING (repository, commit) WHERE d.path = $3`,
        [repository, commit ?? null, path],
      );
      const row = rows[0];
      return row && { ...infoOf(row), content: row.content, summary: row.summary };
    },

    /** Documents (no content) of a repository's commit, or of the latest generation of every repository. */
    async list(options: { repository?: string; commit?: string; limit?: number } = {}): Promise<DocsDocumentInfo[]> {
      const { rows } = await pool.query<InfoRow>(
        `WITH ${SCOPE} SELECT ${INFO_COLUMNS} FROM documents d JOIN scope USING (repository, commit)
         ORDER BY d.repository, d.path = '${DOCS_INDEX_PATH}' DESC, d.path LIMIT $3`,
        [options.repository ?? null, options.commit ?? null, Math.min(options.limit ?? 200, 1000)],
      );
      return rows.map(infoOf);
    },

    /**
     * Ranked full-text search (`websearch_to_tsquery`: words, "phrases", or, -not), best first by
     * `ts_rank_cd`, with `<mark>`-highlighted snippets. Only the hits returned are highlighted:
     * `ts_headline` re-parses the document, which is the expensive part.
     */
    async search(query: string, options: { repository?: string; commit?: string; limit?: number } = {}): Promise<SearchHit[]> {
      const { rows } = await pool.query<InfoRow & { rank: number; snippet: string }>(
        `WITH ${SCOPE},
         q AS (SELECT websearch_to_tsquery('english', $3) AS query),
         hits AS (
           SELECT ${INFO_COLUMNS}, d.content, ts_rank_cd(d.search, q.query) AS rank
           FROM documents d JOIN scope USING (repository, commit), q
           WHERE d.search @@ q.query
           ORDER BY rank DESC, d.repository, d.path LIMIT $4
         )
         SELECT repository, commit, path, language, title, updated_at, rank::float8 AS rank,
                ts_headline('english', content, q.query, 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
         FROM hits, q ORDER BY rank DESC, repository, path`,
        [options.repository ?? null, options.commit ?? null, query, Math.min(options.limit ?? 10, 100)],
      );
      return rows.map((row) => ({ ...infoOf(row), rank: row.rank, snippet: row.snippet }));
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
