import {
  docsDocumentSchema,
  docsGenerateInputSchema,
  docsGenerateResultSchema,
  docsGetInputSchema,
  docsListInputSchema,
  docsListResultSchema,
  docsSearchInputSchema,
  docsSearchResultSchema,
} from '../../contracts/index.js';
import { defineCapability } from '../../capabilities/defineCapability.js';
import type { Capability } from '../../capabilities/types.js';
import type { DocsDeps } from '../deps.js';
import { DocsNotFoundError } from '../errors.js';
import { generateDocs } from '../generateDocs.js';

/**
 * The documentation agent's capabilities, over the deps `deps()` returns: `docs.generate` (task or
 * service request), `docs.get`, `docs.list`, `docs.search`.
 */
export function createDocsCapabilities(deps: () => Promise<DocsDeps>) {
  const generate = defineCapability({
    name: 'docs.generate',
    description: 'Markdown API documentation of a repository at a commit (TypeScript/JavaScript, Go, Python), stored and searchable',
    input: docsGenerateInputSchema,
    output: docsGenerateResultSchema,
    run: async (input, ctx) => generateDocs(await deps(), input, { reportProgress: ctx.reportProgress, signal: ctx.signal }),
  });
  const get = defineCapability({
    name: 'docs.get',
    description: 'One stored document by repository, path and commit (latest generated when omitted)',
    input: docsGetInputSchema,
    output: docsDocumentSchema,
    async run({ repository, path, commit }) {
      const document = await (await deps()).store.get(repository, path, commit);
      if (!document) throw new DocsNotFoundError(`no document "${path}" for ${repository}${commit ? ` at ${commit}` : ''} (docs.list shows what there is)`);
      return document;
    },
  });
  const list = defineCapability({
    name: 'docs.list',
    description: 'Stored documents of a repository at a commit, or of the latest generation of every repository',
    input: docsListInputSchema,
    output: docsListResultSchema,
    run: async (input) => ({ documents: await (await deps()).store.list(input) }),
  });
  const search = defineCapability({
    name: 'docs.search',
    description: 'Ranked full-text search over stored documentation, with highlighted snippets',
    input: docsSearchInputSchema,
    output: docsSearchResultSchema,
    run: async ({ query, ...scope }) => ({ results: await (await deps()).store.search(query, scope) }),
  });
  return [generate, get, list, search] as Capability[];
}
