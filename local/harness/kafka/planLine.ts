import type { KafkaTrigger } from '../../../lib/contracts/index.js';
import { appliedBatchingWindowMs } from '../../../lib/manifest/index.js';
import type { PollerBounds } from './pollerScaling.js';

/**
 * The start-up banner's line for a Kafka trigger: its pollers (`1`, `1–6 on-demand`) and the
 * batching window Lambda applies, with the manifest's when they differ.
 *
 * @example
 * kafkaPlanLine('worker-execute', trigger, 'syntor-worker-execute', { minimum: 1, maximum: 6, mode: 'on-demand' })
 * // worker-execute  kafka syntor.tasks.assign (batch 40, window 0 ms (manifest 20 ms), pollers 1–6 on-demand, group syntor-worker-execute, 1 filter)
 */
export function kafkaPlanLine(id: string, trigger: KafkaTrigger, groupId: string, bounds: PollerBounds): string {
  const pollers = bounds.minimum === bounds.maximum ? String(bounds.minimum) : `${bounds.minimum}–${bounds.maximum} ${bounds.mode}`;
  const applied = appliedBatchingWindowMs(trigger.batchingWindowMs);
  const window = applied === trigger.batchingWindowMs ? `${applied} ms` : `${applied} ms (manifest ${trigger.batchingWindowMs} ms)`;
  const filters = trigger.filters.length > 0 ? `, ${trigger.filters.length} filter${trigger.filters.length > 1 ? 's' : ''}` : '';
  return `${id}  kafka ${trigger.topic} (batch ${trigger.batchSize}, window ${window}, pollers ${pollers}, group ${groupId}${filters})`;
}
