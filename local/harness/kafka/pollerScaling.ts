import type { KafkaTrigger } from '../../../lib/contracts/index.js';

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
 * One evaluation of the offset lag, as Lambda makes one a minute: a lag that did not shrink since the
 * last evaluation means records arrive faster than the pollers handle them (one more poller); no lag
 * means one fewer will do. AWS does not publish its thresholds; this is the simplest rule of that shape.
 */
export function scaleStep(lag: number, previousLag: number | undefined, pollers: number, bounds: PollerBounds): -1 | 0 | 1 {
  if (lag > 0 && previousLag !== undefined && lag >= previousLag && pollers < bounds.maximum) return 1;
  if (lag === 0 && pollers > bounds.minimum) return -1;
  return 0;
}
