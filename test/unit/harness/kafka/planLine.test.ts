import { describe, expect, it } from 'vitest';
import { kafkaTriggerSchema } from '../../../../lib/contracts/index.js';
import { kafkaPlanLine } from '../../../../local/harness/kafka/planLine.js';

describe('the start-up line of a Kafka trigger', () => {
  it('prints the batching window Lambda applies beside the manifest’s, and the pollers', () => {
    const trigger = kafkaTriggerSchema.parse({ type: 'kafka', topic: 'syntor.tasks.assign', batchSize: 40, batchingWindowMs: 1_500, filters: [{ value: { a: [1] } }] });

    expect(kafkaPlanLine('worker-execute', trigger, 'g', { minimum: 1, maximum: 6, mode: 'on-demand' })).toBe(
      'worker-execute  kafka syntor.tasks.assign (batch 40, window 2000 ms (manifest 1500 ms), pollers 1–6 on-demand, group g, 1 filter)',
    );
  });

  it('prints a window Lambda can express as it is, and a fixed poller count alone', () => {
    const trigger = kafkaTriggerSchema.parse({ type: 'kafka', topic: 't', batchingWindowMs: 500 });

    expect(kafkaPlanLine('f', trigger, 'g', { minimum: 2, maximum: 2, mode: 'fixed' })).toBe('f  kafka t (batch 100, window 500 ms, pollers 2, group g)');
  });
});
