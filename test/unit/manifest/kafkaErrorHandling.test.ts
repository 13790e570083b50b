import { describe, expect, it } from 'vitest';
import { appliedBatchingWindowMs, effectiveRetryAttempts, hasOnFailureDestination, lambdaBatchingWindow } from '../../../lib/manifest/index.js';

describe('the batching window both runtimes apply', () => {
  it.each([
    [0, 0, 0],
    [200, 0, 0],
    [500, undefined, 500],
    [1_000, 1, 1_000],
    [1_400, 1, 1_000],
    [1_500, 2, 2_000],
    [300_000, 300, 300_000],
  ])('%d ms in the manifest is MaximumBatchingWindowInSeconds %s, %d ms in the harness', (ms, seconds, applied) => {
    expect(lambdaBatchingWindow(ms)).toBe(seconds);
    expect(appliedBatchingWindowMs(ms)).toBe(applied);
  });
});

describe('the retries Lambda makes', () => {
  it.each([
    [{ maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1 }, -1, false],
    [{ maximumRetryAttempts: 3, maximumRecordAgeInSeconds: -1 }, 3, true],
    [{ maximumRetryAttempts: 0, maximumRecordAgeInSeconds: -1 }, 0, true],
    // Infinite retries with an on-failure destination: AWS applies 10.
    [{ maximumRetryAttempts: -1, maximumRecordAgeInSeconds: 60 }, 10, true],
    [{ maximumRetryAttempts: 60, maximumRecordAgeInSeconds: 60 }, 60, true],
  ])('%o: %d retries, on-failure destination %s', (trigger, retries, destination) => {
    expect(effectiveRetryAttempts(trigger)).toBe(retries);
    expect(hasOnFailureDestination(trigger)).toBe(destination);
  });
});
