import { createApiClient } from './apiClient.js';
import type { Command } from './command.js';
import { agents } from './commands/agents.js';
import { cancel } from './commands/cancel.js';
import { dlq } from './commands/dlq.js';
import { event } from './commands/event.js';
import { invoke } from './commands/invoke.js';
import { scaffold } from './commands/new.js';
import { submit } from './commands/submit.js';
import { task } from './commands/task.js';
import { tasks } from './commands/tasks.js';
import { workflow } from './commands/workflow.js';
import { ApiRequestError, ApiUnreachableError, CliUsageError } from './errors.js';
import { processTerminal, type Terminal } from './output/terminal.js';

export const COMMANDS: readonly Command[] = [submit, task, tasks, cancel, agents, dlq, workflow, event, invoke, scaffold];

export const USAGE = `Usage: syntor <command> [arguments] [options]

Talks to SYNTOR's HTTP API at SYNTOR_API_URL (default http://127.0.0.1:<SYNTOR_HTTP_PORT or 8000>,
the local harness), with SYNTOR_API_TOKEN as a bearer token when set (the harness's token, or a JWT for
a deployment's API); SYNTOR_API_AUTH=iam signs every request with SigV4 instead (an IAM-authorised
deployment), with the credentials the AWS SDK finds and the region of the API's host or AWS_REGION.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Every command takes --json (the API's answer, for scripts) and --help.
Exit codes: 0 done; 1 the task or workflow did not complete, or the API refused; 2 bad usage.`;

export interface MainOptions {
  env?: NodeJS.ProcessEnv;
  terminal?: Terminal;
  pollMs?: number;
}

/** Runs one command line; the exit code. Errors the user can act on are printed, not thrown. */
export async function main(argv: string[], { env = process.env, terminal = processTerminal(), pollMs = 500 }: MainOptions = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    terminal.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new CliUsageError(`syntor has no command "${name}"\n\n${USAGE}`);
    const baseUrl = env.SYNTOR_API_URL ?? `http://127.0.0.1:${env.SYNTOR_HTTP_PORT ?? 8000}`;
    const auth = env.SYNTOR_API_AUTH ?? 'token';
    if (auth !== 'token' && auth !== 'iam') throw new CliUsageError(`SYNTOR_API_AUTH is "token" (a bearer token from SYNTOR_API_TOKEN, when set) or "iam" (SigV4); got "${auth}"`);
    const api = createApiClient({ baseUrl, token: auth === 'token' ? env.SYNTOR_API_TOKEN : undefined, sign: auth === 'iam' ? (await import('./sigv4.js')).sigv4Signer(baseUrl, env) : undefined });
    return await command.run(rest, { api, terminal, pollMs });
  } catch (error) {
    terminal.done();
    if (error instanceof CliUsageError) {
      terminal.err(`syntor ${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof ApiRequestError || error instanceof ApiUnreachableError) {
      terminal.err(`syntor ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

