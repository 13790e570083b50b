import { SyntorError } from '../errors/index.js';

/** Base of the documentation agent's errors; `code` is what a task's or a service response's error carries. */
export class DocsError extends SyntorError {
  constructor(
    readonly code: string,
    message: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** The directory to document is not a git repository, or the commit is not in it. Not retriable. */
export class DocsSourceError extends DocsError {
  constructor(
    readonly field: 'path' | 'commit' | 'url',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super('invalid-source', message, { retriable: false, ...options });
  }
}

/** No stored document matches what was asked for. */
export class DocsNotFoundError extends DocsError {
  constructor(message: string) {
    super('not-found', message, { retriable: false });
  }
}

/** The repository name holds documents generated from another source: pick another name. Not retriable. */
export class DocsRepositoryTakenError extends DocsError {
  constructor(readonly repository: string) {
    super('repository-taken', `repository "${repository}" holds documents generated from another source; document this one under another "repository" name`, { retriable: false });
  }
}
