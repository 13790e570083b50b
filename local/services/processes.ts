import { readFile } from 'node:fs/promises';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether `pid` is a live process. A zombie counts as dead: a broker we spawned ourselves stays a
 * zombie until Node reaps it, and it no longer serves anything.
 */
export async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // "<pid> (<comm>) <state> ...": comm may itself contain ") ", so look after the last one.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
    return state !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all we know
  }
}

/**
 * The command line of `pid` (Linux /proc), or undefined where it cannot be read. Used to check that a
 * pid from a pid file is still our broker and not a recycled pid of something else.
 */
export async function processCommandLine(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** Polls until `pid` is gone; true if it exited within `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number, pollMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isProcessAlive(pid))) return true;
    await sleep(pollMs);
  }
  return !(await isProcessAlive(pid));
}

export { sleep };
