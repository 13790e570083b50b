import { SyntorError } from '../errors/index.js';

/** Machine-readable failure codes, as they appear in a task's or a service response's error. */
export const GIT_ERROR_CODES = {
  path: 'invalid-path',
  url: 'invalid-url',
  auth: 'auth-failed',
  credential: 'credential-refused',
  notFound: 'not-found',
  notRepository: 'not-a-repository',
  mergeConflict: 'merge-conflict',
  notFastForward: 'not-fast-forward',
  dirty: 'dirty-worktree',
  nothingToCommit: 'nothing-to-commit',
  pushRejected: 'push-rejected',
  network: 'network',
  aborted: 'aborted',
  transferTooLarge: 'git-transfer-too-large',
  blobTooLarge: 'git-blob-too-large',
  checkoutTooLarge: 'git-checkout-too-large',
  unpackedTooLarge: 'git-unpacked-too-large',
  packInvalid: 'git-pack-invalid',
  timeout: 'git-timeout',
  failed: 'git-failed',
} as const;

export type GitErrorCode = (typeof GIT_ERROR_CODES)[keyof typeof GIT_ERROR_CODES];

/**
 * Base of the git area's errors: a `code` for the task or service response, `details` to act on, and
 * whether another attempt may succeed. Messages never carry a credential (see `scrubSecrets`).
 */
export class GitError extends SyntorError {
  readonly details: Record<string, unknown> | undefined;

  constructor(
    readonly code: GitErrorCode,
    message: string,
    options: { retriable?: boolean; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { retriable: options.retriable ?? false, cause: options.cause });
    this.details = options.details;
  }
}

/** A path that is absolute, climbs out with `..`, holds a NUL or leads out of the workspace through a symlink. */
export class GitPathError extends GitError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(GIT_ERROR_CODES.path, `path "${path}" is refused: ${reason}`, { details: { field: 'path', path } });
  }
}

/** A repository URL the agent will not fetch from or push to. */
export class GitUrlError extends GitError {
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(GIT_ERROR_CODES.url, `repository URL refused: ${reason}`, { details: { field: 'url' }, cause: options.cause });
  }
}

/** The server wants credentials, or refused the ones given. Not retried: the same token fails the same way. */
export class GitAuthError extends GitError {
  constructor(host: string, reason: string) {
    super(GIT_ERROR_CODES.auth, `authentication with ${host} failed: ${reason}`, { details: { host } });
  }
}

/**
 * A task named a credential that is not configured, or one that is not for the remote's host: the
 * task fails rather than going anonymous or sending the token elsewhere.
 */
export class GitCredentialError extends GitError {
  constructor(
    readonly credential: string,
    reason: string,
  ) {
    super(GIT_ERROR_CODES.credential, `credential "${credential}" ${reason}`, { details: { field: 'credential', credential } });
  }
}

/** A merge stopped on conflicts; the repository is left as it was before the merge. */
export class GitMergeConflictError extends GitError {
  constructor(
    readonly theirs: string,
    readonly paths: readonly string[],
  ) {
    super(GIT_ERROR_CODES.mergeConflict, `merging ${theirs} conflicts in ${paths.length} path(s): ${paths.join(', ')}; nothing was changed`, { details: { theirs, paths: [...paths] } });
  }
}

/** The working tree has changes the operation would overwrite or mix into its result. */
export class GitDirtyWorktreeError extends GitError {
  constructor(operation: string, paths: readonly string[]) {
    super(GIT_ERROR_CODES.dirty, `${operation} needs a clean working tree; commit or discard the changes to: ${paths.slice(0, 20).join(', ')}`, { details: { paths: paths.slice(0, 100) } });
  }
}

/** The directory is not a git repository (or the ref, remote or repository does not exist). */
export class GitNotFoundError extends GitError {
  constructor(what: string, code: GitErrorCode = GIT_ERROR_CODES.notFound) {
    super(code, what);
  }
}

/** The network failed or the server answered 5xx: worth another attempt. */
export class GitNetworkError extends GitError {
  constructor(host: string, reason: string, options: { cause?: unknown } = {}) {
    super(GIT_ERROR_CODES.network, `cannot reach ${host}: ${reason}`, { retriable: true, cause: options.cause });
  }
}

/** A remote sent more than SYNTOR_GIT_MAX_TRANSFER_BYTES for one operation. Not retried: it would send as much again. */
export class GitTransferTooLargeError extends GitError {
  constructor(host: string, limitBytes: number) {
    super(GIT_ERROR_CODES.transferTooLarge, `${host} sent more than ${limitBytes} bytes (SYNTOR_GIT_MAX_TRANSFER_BYTES); the transfer was stopped`, { details: { host, limitBytes } });
  }
}

/**
 * A checkout would write a file over SYNTOR_GIT_MAX_BLOB_BYTES, or files over SYNTOR_GIT_MAX_CHECKOUT_BYTES
 * in all; nothing was written.
 */
export class GitCheckoutTooLargeError extends GitError {
  constructor(what: { path: string; bytes: number; limitBytes: number } | { bytes: number; limitBytes: number }) {
    const blob = 'path' in what;
    super(
      blob ? GIT_ERROR_CODES.blobTooLarge : GIT_ERROR_CODES.checkoutTooLarge,
      blob
        ? `"${what.path}" is ${what.bytes} bytes, over the ${what.limitBytes}-byte limit for one file (SYNTOR_GIT_MAX_BLOB_BYTES); nothing was checked out`
        : `the checkout would write ${what.bytes} bytes, over its ${what.limitBytes}-byte limit (SYNTOR_GIT_MAX_CHECKOUT_BYTES); nothing was checked out`,
      { details: { ...what } },
    );
  }
}

/**
 * A pack being received declared an object over SYNTOR_GIT_MAX_BLOB_BYTES (its own size, or a delta's
 * result), or objects over SYNTOR_GIT_MAX_UNPACKED_BYTES in all: the download was stopped there, before
 * the pack was written or unpacked. An object's path is not known yet at that point, only its type.
 */
export class GitPackTooLargeError extends GitError {
  constructor(host: string, what: { type: string; bytes: number; limitBytes: number } | { bytes: number; limitBytes: number }) {
    const object = 'type' in what;
    super(
      object ? GIT_ERROR_CODES.blobTooLarge : GIT_ERROR_CODES.unpackedTooLarge,
      object
        ? `${host} sent a ${what.type} of ${what.bytes} bytes, over the ${what.limitBytes}-byte limit for one file (SYNTOR_GIT_MAX_BLOB_BYTES); the transfer was stopped and nothing was written`
        : `${host} sent objects of ${what.bytes} bytes or more in all, over the ${what.limitBytes}-byte limit for one transfer (SYNTOR_GIT_MAX_UNPACKED_BYTES); the transfer was stopped and nothing was written`,
      { details: { host, ...what } },
    );
  }
}

/** A remote sent a pack that is not one (bad signature, object type or size): refused, since its sizes cannot be checked. */
export class GitPackInvalidError extends GitError {
  constructor(host: string, reason: string) {
    super(GIT_ERROR_CODES.packInvalid, `${host} sent an invalid pack: ${reason}; the transfer was stopped`, { details: { host } });
  }
}

/** A remote went quiet for SYNTOR_GIT_IDLE_TIMEOUT_MS, or an operation's transfers ran past SYNTOR_GIT_TIMEOUT_MS. */
export class GitTimeoutError extends GitError {
  constructor(host: string, reason: string, limitMs: number) {
    super(GIT_ERROR_CODES.timeout, `${host}: ${reason}`, { retriable: true, details: { host, limitMs } });
  }
}
