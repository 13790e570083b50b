import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapabilityFailedError, CapabilityInputError, compute, COMPUTE_LIMITS, runCapability } from '../../../lib/capabilities/index.js';
import { buildCapabilityContext } from './fixtures.js';

function run(payload: unknown) {
  return runCapability(compute, payload, buildCapabilityContext().ctx);
}

async function inputErrorOf(payload: unknown): Promise<CapabilityInputError> {
  const error = await run(payload).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CapabilityInputError);
  return error as CapabilityInputError;
}

describe('compute', () => {
  it.each([
    { payload: { op: 'sum', values: [1, 2, 3.5] }, result: 6.5 },
    { payload: { op: 'sum', values: [] }, result: 0 },
    { payload: { op: 'count', values: [4, 4, 4] }, result: 3 },
    { payload: { op: 'count', values: [] }, result: 0 },
    { payload: { op: 'average', values: [2, 4, 9] }, result: 5 },
    { payload: { op: 'min', values: [3, -7, 2] }, result: -7 },
    { payload: { op: 'max', values: [3, -7, 2] }, result: 3 },
    { payload: { op: 'median', values: [5, 1, 3] }, result: 3 },
    { payload: { op: 'median', values: [4, 1, 3, 2] }, result: 2.5 },
    { payload: { op: 'median', values: [-10, 2, -3] }, result: -3 },
    { payload: { op: 'stddev', values: [2, 4, 4, 4, 5, 5, 7, 9] }, result: 2 },
    { payload: { op: 'stddev', values: [1, 2, 3, 4], sample: true }, result: Math.sqrt(5 / 3) },
    { payload: { op: 'stddev', values: [7] }, result: 0 },
    { payload: { op: 'fibonacci', n: 0 }, result: '0' },
    { payload: { op: 'fibonacci', n: 1 }, result: '1' },
    { payload: { op: 'fibonacci', n: 10 }, result: '55' },
    { payload: { op: 'fibonacci', n: 100 }, result: '354224848179261915075' },
    { payload: { op: 'factorial', n: 0 }, result: '1' },
    { payload: { op: 'factorial', n: 5 }, result: '120' },
    { payload: { op: 'factorial', n: 25 }, result: '15511210043330985984000000' },
    { payload: { op: 'primes', n: 1 }, result: { count: 0, largest: null } },
    { payload: { op: 'primes', n: 100 }, result: { count: 25, largest: 97 } },
    { payload: { op: 'primes', n: 30, list: true }, result: { count: 10, largest: 29, primes: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29] } },
  ])('$payload.op of $payload → $result', async ({ payload, result }) => {
    expect(await run(payload)).toEqual({ op: payload.op, result });
  });

  it('computes exact big numbers at its limits', async () => {
    const fibonacci = (await run({ op: 'fibonacci', n: COMPUTE_LIMITS.fibonacci })) as { result: string };
    const factorial = (await run({ op: 'factorial', n: COMPUTE_LIMITS.factorial })) as { result: string };

    expect(fibonacci.result).toHaveLength(2090);
    expect(fibonacci.result.startsWith('33644764876431783266')).toBe(true);
    expect(factorial.result).toHaveLength(5736);
    expect(factorial.result.endsWith('0'.repeat(499))).toBe(true);
  });

  it('sieves primes up to its limit, reporting progress on the way', async () => {
    const { ctx, progress } = buildCapabilityContext();

    const result = await runCapability(compute, { op: 'primes', n: COMPUTE_LIMITS.primes }, ctx);

    expect(result).toEqual({ op: 'primes', result: { count: 664_579, largest: 9_999_991 } });
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress.map((p) => p.percent)).toEqual([...progress.map((p) => p.percent)].sort((a, b) => a - b));
    expect(progress.every((p) => p.percent >= 0 && p.percent <= 100)).toBe(true);
  });

  it('stops a long sieve once the attempt\'s time is up, with a retriable failure', async () => {
    const { ctx, abort } = buildCapabilityContext();
    const reportThenAbort = { ...ctx, reportProgress: async () => abort() };

    const error = await runCapability(compute, { op: 'primes', n: COMPUTE_LIMITS.primes }, reportThenAbort).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect((error as CapabilityFailedError).retriable).toBe(true);
    expect((error as Error).message).toMatch(/primes up to 10000000: stopped, the attempt's time is up/);
  });

  it.each(['average', 'min', 'max', 'median', 'stddev'])('refuses %s of no values, naming the field', async (op) => {
    const error = await inputErrorOf({ op, values: [] });

    expect(error.fields).toEqual([{ path: 'values', message: `must not be empty: ${op} needs at least one value` }]);
  });

  it.each([
    { payload: { op: 'fibonacci', n: COMPUTE_LIMITS.fibonacci + 1 }, path: 'n', message: /at most 10000 for fibonacci/ },
    { payload: { op: 'factorial', n: COMPUTE_LIMITS.factorial + 1 }, path: 'n', message: /at most 2000 for factorial/ },
    { payload: { op: 'primes', n: COMPUTE_LIMITS.primes + 1 }, path: 'n', message: /at most 10000000 for primes/ },
    { payload: { op: 'primes', n: 200_000, list: true }, path: 'n', message: /at most 100000 when listing/ },
    { payload: { op: 'fibonacci', n: 2.5 }, path: 'n', message: /whole number/ },
    { payload: { op: 'factorial', n: -1 }, path: 'n', message: /must not be negative/ },
    { payload: { op: 'fibonacci' }, path: 'n', message: /n: required/ },
    { payload: { op: 'sum', values: [1, 'two'] }, path: 'values.1', message: /expected number/ },
    { payload: { op: 'sum', values: new Array(COMPUTE_LIMITS.values + 1).fill(1) }, path: 'values', message: /at most 1000000 values/ },
    { payload: { op: 'stddev', values: [1], sample: true }, path: 'values', message: /at least two values/ },
    { payload: { op: 'sum', values: [1], n: 3 }, path: '', message: /Unrecognized key: "n"/ },
    { payload: { op: 'cube', values: [1] }, path: 'op', message: /Expected 'sum' \| 'count'/ },
    { payload: 'sum', path: '', message: /expected object/ },
  ])('refuses $payload.op with an input error on "$path"', async ({ payload, path, message }) => {
    const error = await inputErrorOf(payload);

    expect(error.retriable).toBe(false);
    expect(error.fields.map((field) => field.path)).toContain(path);
    expect(error.message).toMatch(message);
  });

  it('refuses a result beyond a double instead of returning Infinity', async () => {
    const error = await inputErrorOf({ op: 'sum', values: [Number.MAX_VALUE, Number.MAX_VALUE] });

    expect(error.fields).toEqual([{ path: 'values', message: 'the result overflows a double (beyond ±1.8e308)' }]);
  });

  it('handles a million values without exhausting the stack', async () => {
    const values = Array.from({ length: COMPUTE_LIMITS.values }, (_, i) => i);

    expect(await run({ op: 'max', values })).toEqual({ op: 'max', result: COMPUTE_LIMITS.values - 1 });
    expect(await run({ op: 'median', values })).toEqual({ op: 'median', result: (COMPUTE_LIMITS.values - 1) / 2 });
  });

  describe('properties', () => {
    const finiteValues = fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 });

    it('sum equals a left-to-right reduce of the values', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { maxLength: 200 }), async (values) => {
          const output = (await run({ op: 'sum', values })) as { result: number };
          expect(output.result).toBe(values.reduce((a, b) => a + b, 0));
        }),
      );
    });

    it('median, average and every value lie between min and max; stddev is never negative', async () => {
      await fc.assert(
        fc.asyncProperty(finiteValues, async (values) => {
          const [min, max, median, average, stddev] = await Promise.all(
            (['min', 'max', 'median', 'average', 'stddev'] as const).map(async (op) => ((await run({ op, values })) as { result: number }).result),
          );
          expect(min).toBeLessThanOrEqual(median!);
          expect(median).toBeLessThanOrEqual(max!);
          expect(average).toBeGreaterThanOrEqual(min! - 1e-6);
          expect(average).toBeLessThanOrEqual(max! + 1e-6);
          expect(stddev).toBeGreaterThanOrEqual(0);
          expect(values.every((value) => value >= min! && value <= max!)).toBe(true);
        }),
      );
    });

    it('fibonacci satisfies F(n) + F(n+1) = F(n+2)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 2_000 }), async (n) => {
          const [a, b, c] = await Promise.all([n, n + 1, n + 2].map(async (k) => BigInt(((await run({ op: 'fibonacci', n: k })) as { result: string }).result)));
          expect(a! + b!).toBe(c);
        }),
        { numRuns: 30 },
      );
    });
  });
});
