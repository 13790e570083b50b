import type { SummaryRequest } from './types.js';

/** The instructions every provider gets: short, factual, no invented API. */
export const SUMMARY_SYSTEM_PROMPT =
  'You summarize source code documentation for developers. Answer with two or three plain sentences saying what the module is for and its main entry points. Mention only names that appear in the documentation. No Markdown headings, no lists.';

export function summaryUserPrompt(request: SummaryRequest): string {
  return `Summarize the module ${request.subject}.\n\n${request.text}`;
}

/** Summaries stay a paragraph, whatever the model sends back. */
export const SUMMARY_MAX_TOKENS = 300;
export const SUMMARY_MAX_CHARS = 1_200;

export function cleanSummary(text: string): string {
  const trimmed = text.trim().replace(/\s*\n\s*/g, ' ');
  return trimmed.length > SUMMARY_MAX_CHARS ? `${trimmed.slice(0, SUMMARY_MAX_CHARS - 1)}…` : trimmed;
}
