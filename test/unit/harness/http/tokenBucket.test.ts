import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../../../local/harness/http/index.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

function takeAll(bucket: { tryTake(): boolean }, tries: number): number {
  let taken = 0;
  for (let i = 0; i < tries; i += 1) if (bucket.tryTake()) taken += 1;
  return taken;
}

describe('createTokenBucket', () => {
  it('starts full: a burst of burstLimit requests passes at once, the next is throttled', () => {
    const clock = manualClock();
    const bucket = createTokenBucket({ rateLimit: 100, burstLimit: 200 }, clock.now);

    expect(takeAll(bucket, 200)).toBe(200);
    expect(bucket.tryTake()).toBe(false);
  });

  it('refills at rateLimit a second, continuously', () => {
    const clock = manualClock();
    const bucket = createTokenBucket({ rateLimit: 100, burstLimit: 200 }, clock.now);
    takeAll(bucket, 200);

    clock.advance(10);
    expect(takeAll(bucket, 5)).toBe(1);
    clock.advance(500);
    expect(takeAll(bucket, 100)).toBe(50);
  });

  it('never holds more than burstLimit, however long it rests', () => {
    const clock = manualClock();
    const bucket = createTokenBucket({ rateLimit: 100, burstLimit: 200 }, clock.now);

    clock.advance(60_000);

    expect(takeAll(bucket, 1_000)).toBe(200);
  });

  it.each([
    { rateLimit: 1, burstLimit: 1, first: 1 },
    { rateLimit: 2, burstLimit: 5, first: 5 },
  ])('with rate $rateLimit and burst $burstLimit, lets $first through, then one per 1/rate s', ({ rateLimit, burstLimit, first }) => {
    const clock = manualClock();
    const bucket = createTokenBucket({ rateLimit, burstLimit }, clock.now);

    expect(takeAll(bucket, 10)).toBe(first);
    clock.advance(1000 / rateLimit);
    expect(takeAll(bucket, 10)).toBe(1);
  });

  it('throttles everything with a zero burst', () => {
    const bucket = createTokenBucket({ rateLimit: 100, burstLimit: 0 });

    expect(bucket.tryTake()).toBe(false);
  });
});
