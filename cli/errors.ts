import { SyntorError } from '../lib/errors/index.js';

/** A command line the CLI cannot run: exit code 2, with the usage of the command. */
export class CliUsageError extends SyntorError {
  readonly code = 'cli-usage';
}

/** The API answered with an error status: its message and, for a 400, each bad field. */
export class ApiRequestError extends SyntorError {
  readonly code = 'api-request-failed';
  constructor(
    readonly request: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${request}: ${status} ${describe(body)}`);
  }
}

/** Nothing answers at the API's address. */
export class ApiUnreachableError extends SyntorError {
  readonly code = 'api-unreachable';
  constructor(readonly url: string, cause: unknown) {
    super(`no SYNTOR API answers at ${url} (${(cause as Error).message}); start one with \`npm start\` or \`npm run local\`, or set SYNTOR_API_URL`, { cause, retriable: true });
  }
}

function describe(body: unknown): string {
  if (body === null || typeof body !== 'object') return String(body ?? '');
  const { message, errors } = body as { message?: unknown; errors?: Array<{ field?: string; message?: string }> };
  const fields = Array.isArray(errors) ? errors.map((e) => `\n  ${e.field}: ${e.message}`).join('') : '';
  return `${typeof message === 'string' ? message : JSON.stringify(body)}${fields}`;
}
