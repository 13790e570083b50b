import { execFile } from 'node:child_process';
import { ServicesCommandError } from './errors.js';
import { lastLines } from './logTail.js';

export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Values to hide when the command line is shown in an error (passwords). */
  readonly redact?: readonly string[];
}

/** The command line as it may be shown to a person. */
export function displayCommandLine(command: string, args: readonly string[], redact: readonly string[] = []): string {
  return [command, ...args]
    .map((part) => (redact.includes(part) ? '***' : part === '' || /[\s"'*]/.test(part) ? JSON.stringify(part) : part))
    .join(' ');
}

/**
 * Runs a program with an argument array (never through a shell) and resolves with its output.
 *
 * @throws ServicesCommandError with the last lines of output when it exits non-zero or cannot start.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 0,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const exitCode = typeof error.code === 'number' ? error.code : (error.signal ?? error.code ?? null);
        const output = lastLines(`${stdout}${stderr}`.trim() || error.message, 30);
        reject(
          new ServicesCommandError(displayCommandLine(command, args, options.redact), exitCode, output, {
            cause: error,
          }),
        );
      },
    );
  });
}
