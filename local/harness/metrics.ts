import { Registry } from 'prom-client';
import { createPlatformMetrics, type PlatformMetrics } from '../../lib/observability/metrics.js';

/**
 * The harness's own metrics: the platform's view of each function (as Lambda's would be), defined in
 * lib/observability with every other metric. Each harness gets its own registry, so two harnesses in
 * one process (tests) count apart; `/metrics` serves it with the process's task metrics.
 */
export function createHarnessMetrics(registry: Registry = new Registry()): PlatformMetrics {
  return createPlatformMetrics(registry);
}

export type HarnessMetrics = PlatformMetrics;
