import { readFile, rm, writeFile } from 'node:fs/promises';
import { isProcessAlive, processCommandLine } from './processes.js';

/** Kafka's main class: how we recognise our broker in a process's command line. */
const BROKER_MAIN_CLASS = 'kafka.Kafka';

export async function writePidFile(path: string, pid: number): Promise<void> {
  await writeFile(path, `${pid}\n`);
}

export async function removePidFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

/**
 * The pid of the broker we started, if it still runs. A pid file left by a crash, or whose pid the
 * kernel has since given to another program, yields undefined so that we never signal a stranger.
 */
export async function readLiveBrokerPid(path: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(path, 'utf8')).trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !(await isProcessAlive(pid))) return undefined;
  const commandLine = await processCommandLine(pid);
  if (commandLine !== undefined && !commandLine.includes(BROKER_MAIN_CLASS)) return undefined;
  return pid;
}
