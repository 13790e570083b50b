import { GitAuthError, GitDirtyWorktreeError, GitError, GIT_ERROR_CODES, GitMergeConflictError, GitNetworkError, GitNotFoundError } from '../errors.js';
import { scrubSecrets } from '../credentials/scrubSecrets.js';

/** What a failed operation was doing, for the message, and what must never appear in it. */
export interface FailureContext {
  operation: string;
  host?: string;
  secrets?: readonly (string | undefined)[];
  username?: string;
  theirs?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED']);

interface LibraryError {
  code?: string;
  name?: string;
  message?: string;
  data?: { statusCode?: number; filepaths?: string[]; reason?: string; what?: string };
}

/**
 * Any error from isomorphic-git, the transport or the file system as a `GitError` with a code and a
 * sensible `retriable`, its message scrubbed of the request's secrets. The original error is not kept
 * as `cause`: its message and data may hold what was just scrubbed.
 */
export function toGitError(error: unknown, context: FailureContext): GitError {
  const scrub = (text: string) => scrubSecrets(text, context.secrets ?? [], context.username);
  if (error instanceof GitError) {
    if (!context.secrets?.some((s) => s && error.message.includes(s))) return error;
    return new GitError(error.code, scrub(error.message), { retriable: error.retriable, ...(error.details ? { details: error.details } : {}) });
  }
  const e = (error ?? {}) as LibraryError;
  const host = context.host ?? 'the remote';
  const message = scrub(e.message ?? String(error));
  const status = e.data?.statusCode;
  switch (e.code) {
    case 'HttpError':
      if (status === 401 || status === 403) return new GitAuthError(host, status === 401 ? 'the server needs credentials it did not get or did not accept (give "token" or configure SYNTOR_GIT_TOKEN)' : 'the credentials have no access to this repository');
      if (status === 404) return new GitNotFoundError(`${host} has no such repository (HTTP 404)`);
      return status !== undefined && status >= 500
        ? new GitNetworkError(host, `the server answered HTTP ${status}`)
        : new GitError(GIT_ERROR_CODES.failed, `${context.operation}: ${host} answered HTTP ${status ?? '?'}`);
    case 'UserCanceledError':
      return new GitAuthError(host, 'the server refused the credentials');
    case 'MergeConflictError':
    case 'MergeNotSupportedError':
      return new GitMergeConflictError(context.theirs ?? 'the branch', e.data?.filepaths ?? []);
    case 'CheckoutConflictError':
      return new GitDirtyWorktreeError(context.operation, e.data?.filepaths ?? []);
    case 'FastForwardError':
      return new GitError(GIT_ERROR_CODES.notFastForward, `${context.operation}: the branches have diverged, so it cannot fast-forward`);
    case 'PushRejectedError':
      return new GitError(GIT_ERROR_CODES.pushRejected, `push rejected by ${host} (${e.data?.reason ?? 'rejected'}): pull first, or push with force`);
    case 'NotFoundError':
      return new GitNotFoundError(`${context.operation}: ${scrub(e.data?.what ?? message)} not found`);
    case 'NoRefspecError':
    case 'CommitNotFetchedError':
      return new GitNotFoundError(`${context.operation}: ${message}`);
    case 'SmartHttpError':
    case 'EmptyServerResponseError':
      return new GitNetworkError(host, `the server's answer was not a git response: ${message.slice(0, 300)}`);
    default:
      if (e.code !== undefined && NETWORK_CODES.has(e.code)) return new GitNetworkError(host, e.code);
      if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return new GitError(GIT_ERROR_CODES.aborted, `${context.operation} stopped: the attempt's time is up`, { retriable: true });
      return new GitError(GIT_ERROR_CODES.failed, `${context.operation} failed: ${message}`, { retriable: false });
  }
}
