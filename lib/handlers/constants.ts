/** The reason code of a record that failed when processed alone. */
export const HANDLER_ERROR = 'handler-error';
/** The reason code of a record not signed by the agent it speaks for. */
export const UNAUTHENTICATED = 'unauthenticated';
/** The reason code of a record of a type the function does not handle. */
export const UNEXPECTED_TYPE = 'unexpected-type';

/**
 * The isolation pass stops when less than this is left of the invocation: the records not reached
 * are redelivered rather than cut off by the timeout, which would redeliver the whole batch.
 */
export const ISOLATION_MARGIN_MS = 2_000;

/**
 * Middy's plugin options for every SYNTOR handler: its early timeout (a TimeoutError a few ms before
 * Lambda's) is off, so Lambda's own timeout ends an invocation as it always did.
 */
export const MIDDY_OPTIONS = { timeoutEarlyInMillis: 0 } as const;
