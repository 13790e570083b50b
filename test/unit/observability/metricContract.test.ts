import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { taskWidgetMetricNames } from '../../../cdk/lib/stacks/taskWidgets.js';
import { definedMetricNames } from '../../../lib/observability/metrics.js';

const repo = (path: string) => new URL(`../../../${path}`, import.meta.url);
const defined = new Set(definedMetricNames());

/** A queried series name back to the metric that defines it (a histogram's `_bucket`, `_sum`, `_count`). */
function definingMetric(series: string): string {
  if (defined.has(series)) return series;
  const base = series.replace(/_(bucket|sum|count)$/, '');
  return defined.has(base) ? base : series;
}

function syntorNames(expression: string): string[] {
  return [...expression.matchAll(/\bsyntor_[a-z0-9_]+/g)].map((m) => m[0]);
}

const alertExpressions = (parseYaml(readFileSync(repo('configs/prometheus/rules/syntor-alerts.yml'), 'utf8')) as { groups: { rules: { expr: string }[] }[] }).groups
  .flatMap((g) => g.rules.map((r) => r.expr));
const dashboard = JSON.parse(readFileSync(repo('configs/grafana/dashboards/syntor-overview.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
const panelExpressions = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

describe('every metric the configs query is defined in lib/observability/metrics.ts', () => {
  it.each([
    ['the Prometheus alert rules', alertExpressions.flatMap(syntorNames)],
    ['the Grafana dashboard', panelExpressions.flatMap(syntorNames)],
    ['the CloudWatch dashboard', taskWidgetMetricNames()],
  ])('%s', (_where, names) => {
    expect(names.length).toBeGreaterThan(0);
    const unknown = [...new Set(names)].filter((name) => !defined.has(definingMetric(name)));
    expect(unknown).toEqual([]);
  });

  it('tells the task story on both dashboards: submitted, completed, failed, retried, dead-lettered, by status', () => {
    const story = ['syntor_tasks_submitted_total', 'syntor_tasks_completed_total', 'syntor_tasks_failed_total', 'syntor_tasks_retried_total', 'syntor_tasks_dead_lettered_total', 'syntor_tasks_by_status'];
    const grafana = new Set(panelExpressions.flatMap(syntorNames));
    const cloudwatch = new Set(taskWidgetMetricNames());
    expect(story.filter((m) => !grafana.has(m))).toEqual([]);
    expect(story.filter((m) => !cloudwatch.has(m))).toEqual([]);
  });

  it('catches a name that is not defined', () => {
    expect(defined.has(definingMetric('syntor_tasks_finished_total'))).toBe(false);
    expect(definingMetric('syntor_task_duration_seconds_bucket')).toBe('syntor_task_duration_seconds');
  });
});
