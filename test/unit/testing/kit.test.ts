import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { runCapability } from '../../../lib/capabilities/index.js';
import { readMskEvent } from '../../../lib/kafka/msk/index.js';
import { capabilityContext, invoke, lambdaContext, mskEvent } from '../../../lib/testing/index.js';
import { greet } from '../../fixtures/agents/greeter/greet.js';

describe('the testing kit', () => {
  it('builds the MSK event the harness delivers, which the codec reads back record for record', () => {
    const event = mskEvent({ records: [{ topic: 'orders', partition: 1, key: 'o-1', value: { id: 1 }, headers: { source: 'test' } }, { topic: 'orders', partition: 1, value: 'plain text' }] });
    expect(event.eventSource).toBe('aws:kafka');
    expect(Object.keys(event.records)).toEqual(['orders-1']);
    const [first, second] = readMskEvent(event);
    expect(first).toMatchObject({ topic: 'orders', partition: 1, offset: '0' });
    expect(JSON.parse(first!.value!.toString())).toEqual({ id: 1 });
    expect(first!.headers.map((h) => [h.key, h.value.toString()])).toEqual([['source', 'test']]);
    expect(second!.value!.toString()).toBe('plain text');
    expect(mskEvent({ records: [{ topic: 't', value: 1 }], source: 'self-managed' }).eventSource).toBe('SelfManagedKafka');
  });

  it('invokes a handler with a Lambda context whose remaining time counts down', async () => {
    const handler = async (event: { n: number }, context: Context) => ({ doubled: event.n * 2, function: context.functionName, left: context.getRemainingTimeInMillis() });
    const answer = await invoke(handler, { n: 21 }, { context: lambdaContext({ functionName: 'orders-price', timeoutMs: 3_000 }) });
    expect(answer).toMatchObject({ doubled: 42, function: 'orders-price' });
    expect(answer.left).toBeGreaterThan(2_000);
    expect(answer.left).toBeLessThanOrEqual(3_000);
  });

  it('runs a capability as the worker would, recording its progress; bad input names the field', async () => {
    const ctx = capabilityContext();
    expect(await runCapability(greet, { name: 'Ada' }, ctx)).toEqual({ greeting: 'Hello, Ada!' });
    expect(ctx.progress).toEqual([{ percent: 50, message: 'thinking of a greeting' }]);
    await expect(runCapability(greet, { name: '' }, capabilityContext())).rejects.toThrow('name: a name to greet');
  });
});
