/** A stage's throttling: steady requests a second, and the most a burst may take at once. */
export interface ThrottleLimits {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface TokenBucket {
  /** Takes a token for one request; `false` when none is left (the request is throttled). */
  tryTake(): boolean;
}

/**
 * API Gateway's throttling algorithm (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html):
 * the bucket holds up to `burstLimit` tokens, starts full, and refills continuously at `rateLimit` a
 * second; each request takes one.
 *
 * @example
 * const bucket = createTokenBucket({ rateLimit: 100, burstLimit: 200 });
 * bucket.tryTake(); // true, 199 left
 */
export function createTokenBucket(limits: ThrottleLimits, now: () => number = Date.now): TokenBucket {
  let tokens = limits.burstLimit;
  let filledAt = now();
  return {
    tryTake() {
      const current = now();
      tokens = Math.min(limits.burstLimit, tokens + ((current - filledAt) / 1000) * limits.rateLimit);
      filledAt = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
