import { readFile } from 'node:fs/promises';

/** The last `count` lines of `text` (a trailing newline does not count as a line). */
export function lastLines(text: string, count: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.slice(Math.max(0, lines.length - count)).join('\n');
}

/**
 * Drops Java stack frames (`\tat ...`, `... 6 more`): a single bind error is 60 lines of frames, and
 * with them the last 30 lines would not show the "Caused by" that says what went wrong.
 */
export function withoutStackFrames(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s+(at |\.\.\. \d+ more)/.test(line))
    .join('\n');
}

/** The last lines of a Java log file without stack frames, or '' when it cannot be read. */
export async function readLogTail(path: string, count = 30): Promise<string> {
  try {
    return lastLines(withoutStackFrames(await readFile(path, 'utf8')), count);
  } catch {
    return '';
  }
}
