import type { ModuleDoc } from '../types.js';
import { languageLabel } from './fenceLanguage.js';
import { describeModule } from './describeModule.js';
import { escapeText, inlineCode } from './markdown.js';

/** The index document of a generation: every module with its language and one-line description. */
export function renderIndex(repository: string, commit: string, modules: readonly ModuleDoc[]): string {
  const rows = modules.map((m) => `- ${inlineCode(m.path)} (${languageLabel(m.language)}) — ${escapeText(describeModule(m)) || '*no description*'}`);
  return [
    `# ${escapeText(repository)}`,
    `API documentation at commit ${inlineCode(commit)}: ${modules.length} module${modules.length === 1 ? '' : 's'}.`,
    '## Modules',
    rows.length > 0 ? rows.join('\n') : '*Nothing exported was found.*',
  ].join('\n\n') + '\n';
}
