import { runCommand } from '../services/runCommand.js';

/** PostgreSQL refuses to run as root; as root, the suite runs its cluster as this account instead. */
export const POSTGRES_OS_USER = 'postgres';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Runs a PostgreSQL program as the current user, or through `runuser -u postgres` when that is root.
 *
 * @throws ServicesCommandError with the program's last lines of output when it fails.
 */
export async function runPostgresProgram(program: string, args: readonly string[], timeoutMs = 120_000): Promise<string> {
  const { stdout, stderr } = isRoot()
    ? await runCommand('runuser', ['-u', POSTGRES_OS_USER, '--', program, ...args], { timeoutMs })
    : await runCommand(program, args, { timeoutMs });
  return `${stdout}${stderr}`;
}

/** Gives `dir` to the account the cluster runs as (a no-op unless root). */
export async function handOver(dir: string): Promise<void> {
  if (isRoot()) await runCommand('chown', ['-R', `${POSTGRES_OS_USER}:`, dir]);
}
