/**
 * Environments one function runs at once in the harness. Lambda's limit is the account's concurrency
 * (1,000 by default); a laptop runs out of memory long before, so invocations past this one wait.
 */
export const DEFAULT_MAX_ENVIRONMENTS = 32;
