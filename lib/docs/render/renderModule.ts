import type { DocSymbol, DocTag, ModuleDoc } from '../types.js';
import { fenceLanguage, languageLabel } from './fenceLanguage.js';
import { anchorOf, codeBlock, escapeText, inlineCode } from './markdown.js';

/**
 * One module's Markdown document: title, language and commit, its own comment and summary, a contents
 * list, then every symbol (signature in a code fence, its comment, parameters, return value, examples)
 * and the public members of classes and types.
 */
export function renderModule(module: ModuleDoc, commit: string): string {
  const fence = fenceLanguage(module.language);
  const parts: string[] = [`# ${escapeText(module.title)}`, `*${languageLabel(module.language)}* · ${inlineCode(module.path)} · commit ${inlineCode(commit.slice(0, 12))}`];
  if (module.summary) parts.push(`> **Summary** ${module.summary.replace(/\s*\n\s*/g, ' ')}`);
  if (module.doc) parts.push(module.doc);
  if (module.symbols.length > 0) {
    parts.push('## Contents', module.symbols.map((s) => `- [${inlineCode(s.name)}](#${anchorOf(headingOf(s))}) — ${s.kind}`).join('\n'));
  }
  for (const symbol of module.symbols) parts.push(renderSymbol(symbol, fence, 2));
  return `${parts.join('\n\n')}\n`;
}

function headingOf(symbol: DocSymbol): string {
  return `${symbol.name} (${symbol.kind})`;
}

function renderSymbol(symbol: DocSymbol, fence: string, level: number): string {
  const hashes = '#'.repeat(Math.min(level, 6));
  const parts = [`${hashes} ${inlineCode(symbol.name)} (${symbol.kind})`, codeBlock(symbol.signature, fence)];
  if (symbol.doc) parts.push(symbol.doc);
  parts.push(...renderTags(symbol.tags, fence));
  for (const member of symbol.members) parts.push(renderSymbol({ ...member, name: `${symbol.name}.${member.name}` }, fence, level + 1));
  return parts.join('\n\n');
}

const LISTED = new Set(['param', 'returns', 'example', 'throws', 'deprecated', 'see', 'since', 'default', 'remarks']);

function renderTags(tags: readonly DocTag[], fence: string): string[] {
  const out: string[] = [];
  const params = tags.filter((t) => t.name === 'param');
  if (params.length > 0) out.push(`**Parameters**\n\n${params.map((p) => `- ${inlineCode(p.target ?? '?')}${p.text ? ` — ${p.text.replace(/\s*\n\s*/g, ' ')}` : ''}`).join('\n')}`);
  for (const tag of tags.filter((t) => t.name === 'returns')) out.push(`**Returns** ${tag.text}`);
  for (const tag of tags.filter((t) => t.name === 'throws')) out.push(`**Throws** ${tag.text}`);
  for (const tag of tags.filter((t) => t.name === 'remarks')) out.push(tag.text);
  for (const tag of tags.filter((t) => t.name === 'deprecated')) out.push(`**Deprecated** ${tag.text}`);
  for (const tag of tags.filter((t) => t.name === 'example')) {
    // An example that is already fenced is kept; bare code gets a fence.
    out.push(`**Example**\n\n${/^\s*```/.test(tag.text) ? tag.text.trim() : codeBlock(tag.text.replace(/^\n+|\s+$/g, ''), fence)}`);
  }
  for (const tag of tags.filter((t) => t.name === 'see' || t.name === 'since' || t.name === 'default')) out.push(`**${tag.name[0]!.toUpperCase()}${tag.name.slice(1)}** ${tag.text}`);
  const other = tags.filter((t) => !LISTED.has(t.name) && t.text !== '' && !['internal', 'private', 'public', 'packageDocumentation', 'module'].includes(t.name));
  if (other.length > 0) out.push(other.map((t) => `- \`@${t.name.replace(/`/g, '')}\` ${t.text.replace(/\s*\n\s*/g, ' ')}`).join('\n'));
  return out;
}
