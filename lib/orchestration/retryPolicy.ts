import type { ErrorInfo } from '../contracts/index.js';

/** Exponential backoff for a task's next attempt: base × 2^retries, capped. */
export function retryDelayMs(retryCount: number, policy: { retryBaseMs: number; retryMaxMs: number }): number {
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** retryCount);
}

/** Retried unless the failure says retrying cannot help (bad input) or the retries are used up. */
export function shouldRetry(task: { retryCount: number; maxRetries: number }, error: ErrorInfo | undefined): boolean {
  return error?.retriable !== false && task.retryCount < task.maxRetries;
}
