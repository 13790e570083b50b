import { parseArgs } from 'node:util';
import type { ApiClient } from './apiClient.js';
import { CliUsageError } from './errors.js';
import type { Terminal } from './output/terminal.js';

export interface CommandContext {
  api: ApiClient;
  terminal: Terminal;
  /** How often --wait and --watch ask the API. */
  pollMs: number;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** The exit code: 0 done, 1 the thing failed (a task dead, an API error), 2 bad usage. */
  run(argv: string[], context: CommandContext): Promise<number>;
}

type Options = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** What parseArgs gives for these options: a boolean flag is a boolean, a repeatable one a list. */
type Values<O extends Options> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { multiple: true } ? string[] : string } & { json?: boolean; help?: boolean };

/** Every command's flags: --json for scripts, --help for people. */
const COMMON = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const satisfies Options;

/**
 * Parses a command's arguments strictly: an unknown flag or a missing value is a usage error naming
 * it, followed by the command's usage. `undefined` after printing the usage for --help.
 */
export function parseCommand<const O extends Options>(argv: string[], options: O, command: Pick<Command, 'usage'>, terminal: Terminal): { values: Values<O>; positionals: string[] } | undefined {
  let parsed: { values: Values<O>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON, ...options }, allowPositionals: true, strict: true }) as unknown as typeof parsed;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${command.usage}`);
  }
  if (parsed.values.help) {
    terminal.out(command.usage);
    return undefined;
  }
  return parsed;
}

/** The positional arguments a command takes, exactly. */
export function positionals(given: string[], names: readonly string[], usage: string, optional: readonly string[] = []): string[] {
  if (given.length < names.length) throw new CliUsageError(`missing ${names.slice(given.length).map((n) => `<${n}>`).join(' ')}\n\n${usage}`);
  if (given.length > names.length + optional.length) throw new CliUsageError(`unexpected argument "${given[names.length + optional.length]}"\n\n${usage}`);
  return given;
}
