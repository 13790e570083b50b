import type { Registry } from 'prom-client';

/**
 * CloudWatch Embedded Metric Format: a JSON log line that CloudWatch Logs turns into metrics.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: EmfUnit }[] }[];
  };
  [member: string]: unknown;
}

export type EmfUnit = 'Count' | 'Seconds' | 'None';

export interface EmfWriterOptions {
  namespace: string;
  /** Dimensions of every metric besides its labels, such as `{ environment: 'production' }`. */
  dimensions?: Record<string, string>;
  now?: () => number;
}

/** The spec allows at most 100 metrics in one directive. */
const MAX_METRICS_PER_DOCUMENT = 100;

interface Group {
  labels: Record<string, string>;
  metrics: Map<string, { value: number; unit: EmfUnit }>;
}

/**
 * Turns the prom-client registry into EMF documents: what changed since the previous call, so a
 * counter's CloudWatch Sum over any period equals Prometheus' increase over it. Counters and
 * histograms' `_sum`/`_count` go out as deltas (nothing when unchanged), gauges as their value when
 * it changed. One document per label set; its labels are the dimensions.
 *
 * Written by hand: prom-client is the one definition of every metric, and EMF libraries (Powertools
 * Metrics, aws-embedded-metrics) would each be a second one.
 */
export function createEmfWriter(registry: Registry, options: EmfWriterOptions) {
  const last = new Map<string, number>();
  const now = options.now ?? Date.now;
  const fixed = options.dimensions ?? {};

  return {
    async collect(): Promise<EmfDocument[]> {
      const groups = new Map<string, Group>();
      const add = (name: string, labels: Record<string, string>, value: number, unit: EmfUnit) => {
        const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { labels, metrics: new Map() }));
        group.metrics.set(name, { value, unit });
      };
      for (const metric of await registry.getMetricsAsJSON()) {
        for (const sample of metric.values) {
          const name = (sample as { metricName?: string }).metricName ?? metric.name;
          if (name.endsWith('_bucket')) continue;
          const labels = { ...fixed, ...Object.fromEntries(Object.entries(sample.labels).map(([k, v]) => [k, String(v)])) };
          const id = `${name}${JSON.stringify(labels)}`;
          const previous = last.get(id);
          last.set(id, sample.value);
          if (String(metric.type) === 'gauge') {
            if (previous !== sample.value) add(name, labels, sample.value, 'None');
            continue;
          }
          const delta = sample.value - (previous ?? 0);
          if (delta > 0) add(name, labels, delta, name.endsWith('_seconds_sum') || name.endsWith('_seconds') ? 'Seconds' : 'Count');
        }
      }
      const timestamp = now();
      return [...groups.values()].flatMap(({ labels, metrics }) => {
        const entries = [...metrics];
        const documents: EmfDocument[] = [];
        for (let i = 0; i < entries.length; i += MAX_METRICS_PER_DOCUMENT) {
          const chunk = entries.slice(i, i + MAX_METRICS_PER_DOCUMENT);
          documents.push({
            _aws: {
              Timestamp: timestamp,
              CloudWatchMetrics: [
                { Namespace: options.namespace, Dimensions: [Object.keys(labels).sort()], Metrics: chunk.map(([Name, { unit }]) => ({ Name, Unit: unit })) },
              ],
            },
            ...labels,
            ...Object.fromEntries(chunk.map(([name, { value }]) => [name, value])),
          });
        }
        return documents;
      });
    },
  };
}

export type EmfWriter = ReturnType<typeof createEmfWriter>;
