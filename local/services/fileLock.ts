import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ServicesLockTimeoutError } from './errors.js';
import { isProcessAlive, sleep } from './processes.js';

async function readHolder(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `fn` while holding an exclusive lock file, so that two test runs (or a test run and the CLI)
 * starting at once do not both launch a broker on the same port. A lock left by a dead process is
 * taken over.
 *
 * @throws ServicesLockTimeoutError when a live process keeps the lock past `timeoutMs`.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  // link() is atomic and fails if the lock exists, and the lock never exists without its pid in it.
  const mine = `${path}.${process.pid}`;
  await writeFile(mine, String(process.pid));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await link(mine, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = await readHolder(path);
        if (holder === undefined || !(await isProcessAlive(holder))) {
          await unlink(path).catch(() => undefined);
          continue;
        }
        if (Date.now() > deadline) throw new ServicesLockTimeoutError(path, holder);
        await sleep(200);
      }
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
