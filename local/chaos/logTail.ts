import { readFile } from 'node:fs/promises';

/** The last `lines` non-empty lines of a log file ('' when it cannot be read). */
export async function logTail(path: string, lines = 20): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim() !== '').slice(-lines).join('\n');
}
