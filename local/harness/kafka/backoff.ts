export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
}

/** Lambda's retry delays are not documented; exponential from `initialMs`, capped, is the same shape. */
export const DEFAULT_RETRY: RetryPolicy = { initialMs: 1_000, maxMs: 30_000 };

export function backoffMs(retry: number, policy: RetryPolicy): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, retry - 1));
}
