import { readFile } from 'node:fs/promises';

/** What the harness prints for a rejection nobody handled (local/harness/cli.ts): it lives on, but it is a bug. */
const MARK = 'unhandled rejection (the harness keeps running)';

/** The harness log's lines that report an unhandled rejection, so a bug that did not kill it still fails the run. */
export async function unhandledRejections(logFile: string): Promise<string[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.includes(MARK));
}
