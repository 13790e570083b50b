import { z } from 'zod';
import { defineCapability } from '../defineCapability.js';
import { CapabilityFailedError, CapabilityInputError } from '../errors.js';
import type { CapabilityContext } from '../types.js';
import { sievePrimes } from './primeSieve.js';
import { average, factorial, fibonacci, max, median, min, stddev, sum } from './statistics.js';

/** Limits that keep one task from tying up a worker: each op stays well under a second at its limit. */
export const COMPUTE_LIMITS = {
  values: 1_000_000,
  fibonacci: 10_000,
  factorial: 2_000,
  primes: 10_000_000,
  /** Listing the primes (not only counting them) is capped lower, to keep the result message small. */
  listedPrimes: 100_000,
} as const;

const values = z.array(z.number()).max(COMPUTE_LIMITS.values, `at most ${COMPUTE_LIMITS.values} values`);

function nonEmptyValues(op: string) {
  return values.min(1, `must not be empty: ${op} needs at least one value`);
}

function boundedN(op: string, limit: number) {
  return z.int({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a whole number') }).min(0, 'must not be negative').max(limit, `at most ${limit} for ${op}`);
}

export const computeInputSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.enum(['sum', 'count']), values }),
  z.strictObject({ op: z.literal('average'), values: nonEmptyValues('average') }),
  z.strictObject({ op: z.literal('min'), values: nonEmptyValues('min') }),
  z.strictObject({ op: z.literal('max'), values: nonEmptyValues('max') }),
  z.strictObject({ op: z.literal('median'), values: nonEmptyValues('median') }),
  z
    .strictObject({ op: z.literal('stddev'), values: nonEmptyValues('stddev'), sample: z.boolean().default(false) })
    .refine((input) => !input.sample || input.values.length >= 2, {
      path: ['values'],
      message: 'a sample standard deviation needs at least two values',
    }),
  z.strictObject({ op: z.literal('fibonacci'), n: boundedN('fibonacci', COMPUTE_LIMITS.fibonacci) }),
  z.strictObject({ op: z.literal('factorial'), n: boundedN('factorial', COMPUTE_LIMITS.factorial) }),
  z
    .strictObject({ op: z.literal('primes'), n: boundedN('primes', COMPUTE_LIMITS.primes), list: z.boolean().default(false) })
    .refine((input) => !input.list || input.n <= COMPUTE_LIMITS.listedPrimes, {
      path: ['n'],
      message: `at most ${COMPUTE_LIMITS.listedPrimes} when listing the primes (count them with list: false)`,
    }),
]);

export const computeOutputSchema = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['sum', 'average', 'min', 'max', 'median', 'stddev']), result: z.number() }),
  z.object({ op: z.literal('count'), result: z.int().min(0) }),
  z.object({ op: z.enum(['fibonacci', 'factorial']), result: z.string().regex(/^\d+$/) }),
  z.object({
    op: z.literal('primes'),
    result: z.object({ count: z.int().min(0), largest: z.int().nullable(), primes: z.array(z.int()).optional() }),
  }),
]);

export type ComputeInput = z.infer<typeof computeInputSchema>;
export type ComputeOutput = z.infer<typeof computeOutputSchema>;

function finite(result: number): number {
  if (!Number.isFinite(result)) {
    throw new CapabilityInputError('compute', [{ path: 'values', message: 'the result overflows a double (beyond ±1.8e308)' }]);
  }
  return result;
}

async function primes(n: number, list: boolean, ctx: CapabilityContext): Promise<ComputeOutput> {
  try {
    const result = await sievePrimes(n, {
      list,
      signal: ctx.signal,
      onProgress: (sieved, total) => ctx.reportProgress(Math.floor((sieved / total) * 100), `sieved up to ${sieved} of ${total}`),
    });
    return { op: 'primes', result };
  } catch (error) {
    if (ctx.signal.aborted) {
      throw new CapabilityFailedError('compute', `primes up to ${n}: stopped, the attempt's time is up`, { cause: error });
    }
    throw error;
  }
}

/**
 * Arithmetic on given data: statistics over `values`, or exact big-number sequences for `n`.
 *
 * @example
 * { op: 'median', values: [3, 1, 2] }  → { op: 'median', result: 2 }
 * { op: 'fibonacci', n: 90 }            → { op: 'fibonacci', result: '2880067194370816120' }
 * { op: 'primes', n: 30, list: true }   → { op: 'primes', result: { count: 10, largest: 29, primes: [2, 3, …, 29] } }
 */
export const compute = defineCapability<ComputeInput, ComputeOutput>({
  name: 'compute',
  description: 'Statistics (sum, average, min, max, median, stddev, count) over values; Fibonacci, factorial and primes up to n.',
  input: computeInputSchema,
  output: computeOutputSchema,
  async run(input, ctx) {
    switch (input.op) {
      case 'sum':
        return { op: input.op, result: finite(sum(input.values)) };
      case 'count':
        return { op: input.op, result: input.values.length };
      case 'average':
        return { op: input.op, result: finite(average(input.values)) };
      case 'min':
        return { op: input.op, result: min(input.values) };
      case 'max':
        return { op: input.op, result: max(input.values) };
      case 'median':
        return { op: input.op, result: finite(median(input.values)) };
      case 'stddev':
        return { op: input.op, result: finite(stddev(input.values, input.sample)) };
      case 'fibonacci':
        return { op: input.op, result: fibonacci(input.n) };
      case 'factorial':
        return { op: input.op, result: factorial(input.n) };
      case 'primes':
        return primes(input.n, input.list, ctx);
    }
  },
});
