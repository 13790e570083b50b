/** Numbers sieved between two looks at the abort signal and progress reports. */
export const SIEVE_SEGMENT_SIZE = 1_000_000;

export interface PrimeSieveOptions {
  /** Collect the primes themselves, not only count them. */
  list: boolean;
  signal: AbortSignal;
  /** Called after each segment when the sieve spans more than one. */
  onProgress?: (sieved: number, total: number) => Promise<void>;
  segmentSize?: number;
}

export interface PrimeSieveResult {
  count: number;
  largest: number | null;
  primes?: number[];
}

function smallPrimes(limit: number): number[] {
  const composite = new Uint8Array(limit + 1);
  const primes: number[] = [];
  for (let i = 2; i <= limit; i++) {
    if (composite[i] === 1) continue;
    primes.push(i);
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  return primes;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The primes up to `n`, by a segmented sieve of Eratosthenes. Between segments it yields to the event
 * loop, so a timer-driven abort signal can fire, and stops with the signal's reason once it has.
 */
export async function sievePrimes(n: number, options: PrimeSieveOptions): Promise<PrimeSieveResult> {
  const segmentSize = options.segmentSize ?? SIEVE_SEGMENT_SIZE;
  const basePrimes = smallPrimes(Math.floor(Math.sqrt(n)));
  const primes: number[] = [];
  let count = 0;
  let largest: number | null = null;

  for (let low = 2; low <= n; low += segmentSize) {
    options.signal.throwIfAborted();
    const high = Math.min(low + segmentSize - 1, n);
    const composite = new Uint8Array(high - low + 1);
    for (const p of basePrimes) {
      if (p * p > high) break;
      const first = Math.max(p * p, Math.ceil(low / p) * p);
      for (let multiple = first; multiple <= high; multiple += p) composite[multiple - low] = 1;
    }
    for (let i = 0; i < composite.length; i++) {
      if (composite[i] === 1) continue;
      count++;
      largest = low + i;
      if (options.list) primes.push(low + i);
    }
    if (high < n) {
      await options.onProgress?.(high, n);
      await yieldToEventLoop();
    }
  }
  return options.list ? { count, largest, primes } : { count, largest };
}
