import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The harness's Prometheus metrics; names match configs/prometheus rules and the Grafana dashboard. */
export function createHarnessMetrics(registry: Registry = new Registry()) {
  const labelNames = ['agent', 'function', 'trigger'] as const;
  return {
    registry,
    invocations: new Counter({
      name: 'syntor_handler_invocations_total',
      help: 'Handler invocations, retries included',
      labelNames,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'syntor_handler_errors_total',
      help: 'Failed handler invocations (error, timeout, or partial batch failure)',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'syntor_handler_duration_seconds',
      help: 'Handler invocation duration',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'syntor_handler_batch_size',
      help: 'Records per Kafka-triggered invocation',
      labelNames: ['agent', 'function'],
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 10_000],
      registers: [registry],
    }),
    recordsFiltered: new Counter({
      name: 'syntor_records_filtered_total',
      help: 'Kafka records dropped by a trigger filter (their offsets are committed)',
      labelNames: ['agent', 'function'],
      registers: [registry],
    }),
    dlqRecords: new Counter({
      name: 'syntor_dlq_records_total',
      help: 'Records sent to syntor.dlq after retries were exhausted',
      labelNames: ['agent', 'function', 'reason'],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'syntor_consumer_lag',
      help: 'Records not yet committed by a consumer group, per topic',
      labelNames: ['group', 'topic'],
      registers: [registry],
    }),
  };
}

export type HarnessMetrics = ReturnType<typeof createHarnessMetrics>;
