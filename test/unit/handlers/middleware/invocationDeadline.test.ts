import type { Context } from 'aws-lambda';
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { deadlineOf, invocationDeadline } from '../../../../lib/handlers/index.js';

describe('invocationDeadline', () => {
  it('reads what Lambda says is left, with its margin kept back', async () => {
    // Prepare
    let left = 10_000;
    const context = { getRemainingTimeInMillis: () => left } as Context;
    const seen: boolean[] = [];
    const handler = middy(async (_event: unknown, ctx: Context) => {
      seen.push(deadlineOf(ctx).outOfTime());
      left = 4_000;
      seen.push(deadlineOf(ctx).outOfTime());
    }).use(invocationDeadline({ marginMs: 5_000 }));

    // Act
    await handler({}, context);

    // Assess
    expect(seen).toEqual([false, true]);
    expect(deadlineOf(context).remainingMs()).toBe(4_000);
  });

  it('has no deadline to keep for a hand-made context', () => {
    expect(deadlineOf({} as Context).remainingMs()).toBe(Number.POSITIVE_INFINITY);
    expect(deadlineOf(undefined).outOfTime()).toBe(false);
  });
});
