/** A fenced code block whose fence is longer than any backtick run inside the code, so nothing breaks out. */
export function codeBlock(code: string, language = ''): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

/** Inline code that survives backticks in the text (CommonMark: a longer delimiter, padded). */
export function inlineCode(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...[...single.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = single.startsWith('`') || single.endsWith('`') || single === '' ? ' ' : '';
  return `${ticks}${pad}${single}${pad}${ticks}`;
}

/** Plain text with Markdown's inline syntax escaped, on one line. */
export function escapeText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+!|<>~-]/g, (ch) => `\\${ch}`);
}

/** The first sentence of a comment, for one-line descriptions (at most 160 characters). */
export function firstSentence(text: string): string {
  const paragraph = text.trim().split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ') ?? '';
  const sentence = /^(.+?[.!?])(\s|$)/.exec(paragraph)?.[1] ?? paragraph;
  return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
}

/** GitHub-style heading anchor: lower-case, punctuation dropped, spaces to dashes. */
export function anchorOf(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
}
