import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { CLOUDWATCH_METRICS } from '../../../lib/aws/index.js';

/** One line of a graph: a metric the agents write as EMF, by its Prometheus name and labels. */
export interface EmfSeries {
  readonly metric: string;
  /** Its labels (the EMF dimensions besides `environment`), as lib/observability/metrics.ts declares them. */
  readonly labels: readonly string[];
  readonly statistic: 'Sum' | 'Maximum';
  /** `total`: one line summed over every label value; `each`: one line per label combination. */
  readonly lines: 'total' | 'each';
  readonly label: string;
}

export interface TaskWidget {
  readonly title: string;
  readonly series: readonly EmfSeries[];
  /** A ratio of two series' sums (a mean from a histogram's `_sum` and `_count`). */
  readonly mean?: { readonly label: string; readonly sum: string; readonly count: string; readonly labels: readonly string[] };
}

const total = (metric: string, labels: readonly string[], label: string): EmfSeries => ({ metric, labels, statistic: 'Sum', lines: 'total', label });

/**
 * The task story of the Grafana dashboard (configs/grafana/dashboards/syntor-overview.json), told
 * again from the same metrics on CloudWatch. A unit test checks every name here is defined.
 */
export const TASK_WIDGETS: readonly TaskWidget[] = [
  {
    title: 'Tasks (per minute)',
    series: [
      total('syntor_tasks_submitted_total', ['type'], 'submitted'),
      total('syntor_tasks_dispatched_total', ['agent', 'type'], 'dispatched'),
      total('syntor_tasks_completed_total', ['agent', 'type'], 'completed'),
      total('syntor_tasks_failed_total', ['agent', 'code', 'type'], 'failed attempts'),
      total('syntor_tasks_retried_total', ['type'], 'retried'),
      total('syntor_tasks_dead_lettered_total', ['code', 'type'], 'dead-lettered'),
    ],
  },
  { title: 'Tasks by status', series: [{ metric: 'syntor_tasks_by_status', labels: ['status'], statistic: 'Maximum', lines: 'each', label: 'tasks' }] },
  {
    title: 'Task attempt duration (mean, s)',
    series: [],
    mean: { label: 'attempt duration', sum: 'syntor_task_duration_seconds_sum', count: 'syntor_task_duration_seconds_count', labels: ['agent', 'outcome', 'type'] },
  },
  {
    title: 'Queue wait (mean, s)',
    series: [],
    mean: { label: 'queue wait', sum: 'syntor_task_queue_wait_seconds_sum', count: 'syntor_task_queue_wait_seconds_count', labels: ['type'] },
  },
  {
    title: 'Unroutable tasks by reason',
    series: [{ metric: 'syntor_tasks_unroutable_total', labels: ['reason', 'type'], statistic: 'Sum', lines: 'each', label: 'unroutable' }],
  },
  {
    title: 'Dead-letter records by reason',
    series: [{ metric: 'syntor_dlq_records_total', labels: ['function', 'reason'], statistic: 'Sum', lines: 'each', label: 'dlq' }],
  },
  {
    title: 'Circuit state per agent (0 closed, 1 open, 2 half-open)',
    series: [{ metric: 'syntor_agent_circuit_state', labels: ['agent'], statistic: 'Maximum', lines: 'each', label: 'circuit' }],
  },
];

/** Every metric name the CloudWatch dashboard reads. */
export function taskWidgetMetricNames(): string[] {
  return TASK_WIDGETS.flatMap((w) => [...w.series.map((s) => s.metric), ...(w.mean ? [w.mean.sum, w.mean.count] : [])]);
}

const PERIOD = Duration.minutes(1);

function search(environment: string, metric: string, labels: readonly string[], statistic: string): string {
  const { namespace, environmentDimension } = CLOUDWATCH_METRICS;
  // SEARCH matches an exact dimension set: the environment and the metric's labels, as EMF wrote them.
  const schema = [namespace, ...[environmentDimension, ...labels].sort()].join(',');
  return `SEARCH('{${schema}} MetricName="${metric}" ${environmentDimension}="${environment}"', '${statistic}', 60)`;
}

/** The widgets, for one environment's dashboard. */
export function taskGraphs(environment: string): cloudwatch.GraphWidget[] {
  return TASK_WIDGETS.map((widget) => {
    const lines = widget.series.map((s) => new cloudwatch.MathExpression({
      expression: s.lines === 'total' ? `SUM(${search(environment, s.metric, s.labels, s.statistic)})` : search(environment, s.metric, s.labels, s.statistic),
      label: s.label,
      period: PERIOD,
    }));
    if (widget.mean) {
      const { sum, count, labels, label } = widget.mean;
      lines.push(new cloudwatch.MathExpression({
        expression: `SUM(${search(environment, sum, labels, 'Sum')}) / SUM(${search(environment, count, labels, 'Sum')})`,
        label,
        period: PERIOD,
      }));
    }
    return new cloudwatch.GraphWidget({ title: widget.title, left: lines, width: 8, height: 6 });
  });
}
