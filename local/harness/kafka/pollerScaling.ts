import type { KafkaTrigger } from '../../../lib/contracts/index.js';
import { POLLER_LIMITS } from './constants.js';

export interface PollerBounds {
  minimum: number;
  maximum: number;
  mode: 'fixed' | 'provisioned' | 'on-demand';
}

/**
 * How many pollers a trigger may run: `--instances` fixes the count; provisioned mode takes the
 * manifest's bounds; on-demand mode scales from one up to one poller per partition. A poller beyond
 * the partition count would hold no partition, so both modes stop there.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html
 */
export function pollerBounds(trigger: Pick<KafkaTrigger, 'provisionedPollers'>, partitions: number, instances?: number): PollerBounds {
  if (instances !== undefined) return { minimum: instances, maximum: instances, mode: 'fixed' };
  const cap = Math.max(1, partitions);
  const provisioned = trigger.provisionedPollers;
  if (provisioned) return { minimum: Math.min(provisioned.minimumPollers, cap), maximum: Math.min(provisioned.maximumPollers, cap), mode: 'provisioned' };
  return { minimum: 1, maximum: cap, mode: 'on-demand' };
}

/**
 * One evaluation of the offset lag, as Lambda makes one a minute. AWS scales when "the offset lag is
 * too high" without publishing the threshold; here it is what the pollers hold in flight at once
 * (`pollers × 5 × batchSize` records): a lag above that at two evaluations in a row means records
 * arrive faster than they are handled (one more poller); a lag one poller fewer could hold means one
 * fewer will do.
 */
export function scaleStep(lag: number, previousLag: number | undefined, pollers: number, bounds: PollerBounds, batchSize: number): -1 | 0 | 1 {
  const holds = (n: number) => n * POLLER_LIMITS.concurrentInvocations * batchSize;
  if (lag > holds(pollers) && previousLag !== undefined && previousLag > holds(pollers) && pollers < bounds.maximum) return 1;
  if (lag <= holds(pollers - 1) && pollers > bounds.minimum) return -1;
  return 0;
}
