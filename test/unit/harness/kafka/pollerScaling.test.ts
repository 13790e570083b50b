import { describe, expect, it } from 'vitest';
import { pollerBounds, scaleStep } from '../../../../local/harness/kafka/pollerScaling.js';

describe('poller bounds', () => {
  it.each([
    ['on-demand: one up to one per partition', {}, 6, undefined, { minimum: 1, maximum: 6, mode: 'on-demand' }],
    ['provisioned: the manifest bounds', { provisionedPollers: { minimumPollers: 2, maximumPollers: 4 } }, 6, undefined, { minimum: 2, maximum: 4, mode: 'provisioned' }],
    ['provisioned: never more than the partitions', { provisionedPollers: { minimumPollers: 3, maximumPollers: 200 } }, 2, undefined, { minimum: 2, maximum: 2, mode: 'provisioned' }],
    ['--instances: fixed, whatever the manifest says', { provisionedPollers: { minimumPollers: 2, maximumPollers: 4 } }, 6, 3, { minimum: 3, maximum: 3, mode: 'fixed' }],
  ])('%s', (_name, trigger, partitions, instances, bounds) => {
    expect(pollerBounds(trigger, partitions, instances)).toEqual(bounds);
  });
});

describe('scaling on the offset lag (batch size 10: a poller holds 50 records in flight)', () => {
  const bounds = { minimum: 1, maximum: 3, mode: 'on-demand' as const };

  it.each([
    ['adds one when the lag stays above what the pollers hold', 120, 90, 1, 1],
    ['waits for a second evaluation', 120, undefined, 1, 0],
    ['does not add past the maximum', 500, 500, 3, 0],
    ['keeps the pollers while the lag needs them', 80, 90, 2, 0],
    ['removes one when one fewer would hold the lag', 40, 90, 2, -1],
    ['never goes below the minimum', 0, 0, 1, 0],
  ])('%s', (_name, lag, previous, pollers, step) => {
    expect(scaleStep(lag, previous, pollers, bounds, 10)).toBe(step);
  });
});
