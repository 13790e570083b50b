import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { publishRegistry } from './publishedRegistries.js';

/**
 * Every SYNTOR metric is defined here, once. Locally the harness serves them on
 * `SYNTOR_METRICS_PORT`; on Lambda the same values are written as CloudWatch Embedded Metric Format at
 * the end of each invocation (`emf.ts`). Names are a contract with configs/ (Prometheus alert rules,
 * the Grafana dashboard) and the CDK app's CloudWatch dashboard: a test checks that every name those
 * query is defined here.
 */

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

/** What the platform sees of a function: the harness records these locally, the handler wrapper on Lambda. */
export function createPlatformMetrics(registry: Registry) {
  const labelNames = ['agent', 'function', 'trigger'] as const;
  return {
    registry,
    invocations: new Counter({ name: 'syntor_handler_invocations_total', help: 'Handler invocations, retries included', labelNames, registers: [registry] }),
    errors: new Counter({
      name: 'syntor_handler_errors_total',
      help: 'Failed handler invocations (error, timeout, or partial batch failure)',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({ name: 'syntor_handler_duration_seconds', help: 'Handler invocation duration', labelNames, buckets: DURATION_BUCKETS, registers: [registry] }),
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
    consumerLag: new Gauge({ name: 'syntor_consumer_lag', help: 'Records not yet committed by a consumer group, per topic', labelNames: ['group', 'topic'], registers: [registry] }),
  };
}

export type PlatformMetrics = ReturnType<typeof createPlatformMetrics>;

/** What the agents' own code records: tasks, routing, circuits, dead letters. */
export function createTaskMetrics(registry: Registry) {
  return {
    registry,
    submitted: new Counter({ name: 'syntor_tasks_submitted_total', help: 'Tasks accepted by the coordinator (idempotent repeats not counted)', labelNames: ['type'], registers: [registry] }),
    dispatched: new Counter({ name: 'syntor_tasks_dispatched_total', help: 'Task attempts assigned to an agent', labelNames: ['type', 'agent'], registers: [registry] }),
    completed: new Counter({ name: 'syntor_tasks_completed_total', help: 'Tasks completed successfully', labelNames: ['type', 'agent'], registers: [registry] }),
    failed: new Counter({
      name: 'syntor_tasks_failed_total',
      help: 'Failed task attempts (a failure, or a lease that expired), before the retry decision',
      labelNames: ['type', 'agent', 'code'],
      registers: [registry],
    }),
    retried: new Counter({ name: 'syntor_tasks_retried_total', help: 'Failed attempts sent back to pending for another try', labelNames: ['type'], registers: [registry] }),
    deadLettered: new Counter({ name: 'syntor_tasks_dead_lettered_total', help: 'Tasks that ended dead (retries used up or a final error)', labelNames: ['type', 'code'], registers: [registry] }),
    duration: new Histogram({
      name: 'syntor_task_duration_seconds',
      help: 'How long an attempt ran on its agent, as the agent reported it',
      labelNames: ['type', 'agent', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    queueWait: new Histogram({
      name: 'syntor_task_queue_wait_seconds',
      help: 'From when a task became due (submitted, or its retry delay passed) to its dispatch',
      labelNames: ['type'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    routingDecisions: new Counter({
      name: 'syntor_routing_decisions_total',
      help: 'Routing decisions of the dispatcher: the agent chosen, or "none" when the task stayed pending',
      labelNames: ['strategy', 'agent'],
      registers: [registry],
    }),
    unroutable: new Counter({ name: 'syntor_tasks_unroutable_total', help: 'Dispatch attempts that found no agent for a task', labelNames: ['type', 'reason'], registers: [registry] }),
    byStatus: new Gauge({ name: 'syntor_tasks_by_status', help: 'Tasks per status, as of the last sweep', labelNames: ['status'], registers: [registry] }),
    circuitState: new Gauge({ name: 'syntor_agent_circuit_state', help: 'Circuit of each agent: 0 closed, 1 open, 2 half-open', labelNames: ['agent'], registers: [registry] }),
    outboxBacklog: new Gauge({
      name: 'syntor_outbox_backlog',
      help: 'Messages committed in PostgreSQL and not yet relayed to Kafka, as of the last sweep (grows while the broker is down)',
      registers: [registry],
    }),
    outboxOldestSeconds: new Gauge({
      name: 'syntor_outbox_oldest_seconds',
      help: 'Age of the oldest message waiting in the outbox, as of the last sweep',
      registers: [registry],
    }),
    dlqRecords: new Counter({
      name: 'syntor_dlq_records_total',
      help: 'Records written to syntor.dlq, by reason',
      labelNames: ['function', 'reason'],
      registers: [registry],
    }),
    workflowsSubmitted: new Counter({ name: 'syntor_workflows_submitted_total', help: 'Workflows accepted (idempotent repeats not counted)', registers: [registry] }),
    workflowsFinished: new Counter({ name: 'syntor_workflows_finished_total', help: 'Workflows that ended, by status (completed, failed, cancelled)', labelNames: ['status'], registers: [registry] }),
    workflowStepsStarted: new Counter({ name: 'syntor_workflow_steps_started_total', help: 'Workflow steps whose task was created', labelNames: ['type'], registers: [registry] }),
  };
}

export type TaskMetrics = ReturnType<typeof createTaskMetrics>;

/** The values `syntor_agent_circuit_state` takes. */
export const CIRCUIT_STATE_VALUE = { closed: 0, open: 1, half_open: 2 } as const;

/** The process-wide registry every handler records into (one per Lambda instance, one per harness process). */
export const metricsRegistry = new Registry();
publishRegistry(metricsRegistry);

/** The task metrics of this process. */
export const taskMetrics: TaskMetrics = createTaskMetrics(metricsRegistry);

let platform: PlatformMetrics | undefined;

/** The platform metrics on the process registry, defined on first use (only Lambda's handler wrapper records them there). */
export function processPlatformMetrics(): PlatformMetrics {
  platform ??= createPlatformMetrics(metricsRegistry);
  return platform;
}

/** Every metric name defined here, for the configs' contract test and the docs. */
export function definedMetricNames(): string[] {
  const registry = new Registry();
  createPlatformMetrics(registry);
  createTaskMetrics(registry);
  return registry.getMetricsAsArray().map((m) => m.name);
}
