import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';

type MetricJson = MetricObjectWithValues<MetricValue<string>>;

/**
 * One Prometheus view of the harness and all its execution environments, as CloudWatch sums what every
 * Lambda environment emits: counters and histograms add up. SYNTOR's gauges are "as last observed"
 * readings of shared state (tasks per status, outbox backlog, circuit state) that every environment may
 * report, so their largest reading is shown rather than a meaningless sum.
 */
export async function aggregateMetrics(registries: readonly Registry[], environments: readonly unknown[][]): Promise<Registry> {
  const own = await Promise.all(registries.map((registry) => registry.getMetricsAsJSON()));
  const lists = [...own, ...(environments as MetricJson[][])].map((list) =>
    list.map((metric) => (String(metric.type) === 'gauge' ? { ...metric, aggregator: 'max' as const } : metric)),
  );
  return AggregatorRegistry.aggregate(lists);
}
