import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  SYNTOR_METRICS,
  bracketsBalanced,
  isRecord,
  loadCompose,
  loadJson,
  loadYaml,
  mounts,
  readRepoFile,
  repoPath,
  service,
} from './composeFiles.js';

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
}

interface PrometheusConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs?: ScrapeConfig[];
}

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}

interface Target {
  refId?: string;
  expr?: string;
  datasource?: { type?: string; uid?: string };
}

interface Panel {
  id?: number;
  type: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: Target[];
  panels?: Panel[];
}

interface Dashboard {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  panels?: Panel[];
}

interface Datasource {
  name: string;
  uid?: string;
  type: string;
  url?: string;
  access?: string;
  isDefault?: boolean;
}

const PROMETHEUS_CONFIG = 'configs/prometheus/prometheus.yml';
const RULES_DIR = 'configs/prometheus/rules';
const RULE_TESTS = 'configs/prometheus/tests/syntor-alerts.test.yml';
const DATASOURCES = 'configs/grafana/provisioning/datasources/datasources.yml';
const DASHBOARD_PROVIDERS = 'configs/grafana/provisioning/dashboards/dashboards.yml';
const DASHBOARD = 'configs/grafana/dashboards/syntor-overview.json';

const compose = loadCompose();
const promConfig = loadYaml(PROMETHEUS_CONFIG) as PrometheusConfig;
const ruleFileNames = readdirSync(repoPath(RULES_DIR)).filter((f) => /\.ya?ml$/.test(f));
const rules: AlertRule[] = ruleFileNames.flatMap((file) => {
  const doc = loadYaml(`${RULES_DIR}/${file}`) as RuleFile;
  return doc.groups.flatMap((g) => g.rules);
});
const alerts = rules.filter((r) => r.alert !== undefined);
const dashboard = loadJson(DASHBOARD) as Dashboard;

/** Panels, flattening collapsed rows. */
function allPanels(panels: Panel[] | undefined): Panel[] {
  return (panels ?? []).flatMap((p) => [p, ...allPanels(p.panels)]);
}
const dataPanels = allPanels(dashboard.panels).filter((p) => p.type !== 'row');

/** Container path a service mounts a repo path at (trailing slashes ignored). */
function mountTarget(serviceName: string, source: string): string | undefined {
  const strip = (s: string): string => s.replace(/\/+$/, '');
  return mounts(service(compose, serviceName))
    .filter((m) => m.kind === 'bind' && strip(m.source) === strip(source))
    .map((m) => strip(m.target))[0];
}

describe('configs/prometheus/prometheus.yml', () => {
  it('scrapes prometheus itself and the SYNTOR harness on the host', () => {
    const jobs = Object.fromEntries((promConfig.scrape_configs ?? []).map((s) => [s.job_name, s]));
    expect(Object.keys(jobs)).toEqual(expect.arrayContaining(['prometheus', 'syntor-harness']));
    const harnessTargets = (jobs['syntor-harness']?.static_configs ?? []).flatMap((c) => c.targets);
    expect(harnessTargets).toEqual(['host.docker.internal:9090']);
    const selfTargets = (jobs.prometheus?.static_configs ?? []).flatMap((c) => c.targets);
    expect(selfTargets).toEqual(['localhost:9090']);
  });

  it('has unique job names', () => {
    const names = (promConfig.scrape_configs ?? []).map((s) => s.job_name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('loads rule files from where docker-compose mounts configs/prometheus/rules', () => {
    expect(promConfig.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
    expect(mountTarget('prometheus', './configs/prometheus/rules')).toBe('/etc/prometheus/rules');
    expect(mountTarget('prometheus', `./${PROMETHEUS_CONFIG}`)).toBe('/etc/prometheus/prometheus.yml');
    expect(ruleFileNames).toContain('syntor-alerts.yml');
  });
});

describe('configs/prometheus/rules', () => {
  it('defines alerts with unique names', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(5);
    const names = alerts.map((a) => a.alert);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(alerts.map((a) => [a.alert ?? '', a] as const))(
    '%s has an expr, a severity and summary/description annotations',
    (_name, rule) => {
      expect(typeof rule.expr).toBe('string');
      expect(rule.expr.trim()).not.toBe('');
      expect(bracketsBalanced(rule.expr)).toBe(true);
      expect(['info', 'warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.trim()).toBeTruthy();
      expect(rule.annotations?.description?.trim()).toBeTruthy();
      if (rule.for !== undefined) expect(rule.for).toMatch(/^(\d+[smhdwy])+$/);
    },
  );

  it.each(SYNTOR_METRICS)('an alert uses %s', (metric) => {
    expect(alerts.some((a) => new RegExp(`\\b${metric}\\b`).test(a.expr))).toBe(true);
  });

  it('alerts on a handler error ratio above 5%', () => {
    const ratio = alerts.find(
      (a) =>
        a.expr.includes('syntor_handler_errors_total') &&
        a.expr.includes('syntor_handler_invocations_total') &&
        /\/[\s\S]*>\s*0\.05\b/.test(a.expr),
    );
    expect(ratio).toBeDefined();
  });

  it('alerts on an open circuit (state 1) and on tasks pending for 10m', () => {
    expect(alerts.some((a) => /syntor_agent_circuit_state\)?\s*==\s*1\b/.test(a.expr))).toBe(true);
    const pending = alerts.find((a) => a.expr.includes('syntor_tasks_by_status{status="pending"}'));
    expect(pending?.for).toBe('10m');
    expect(pending?.expr).toMatch(/>\s*0\b/);
  });

  it('has promtool unit tests next to it (outside the loaded rules directory)', () => {
    const doc = loadYaml(RULE_TESTS) as { rule_files: string[]; tests: unknown[] };
    expect(doc.rule_files).toEqual(['../rules/syntor-alerts.yml']);
    expect(doc.tests.length).toBeGreaterThan(0);
  });
});

describe('configs/grafana/provisioning', () => {
  const doc = loadYaml(DATASOURCES) as { apiVersion: number; datasources: Datasource[] };
  const byUid = Object.fromEntries(doc.datasources.map((d) => [d.uid, d]));

  it('provisions Prometheus (default) and Jaeger by uid at their compose service addresses', () => {
    expect(doc.apiVersion).toBe(1);
    expect(byUid.prometheus).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090', isDefault: true });
    expect(byUid.jaeger).toMatchObject({ type: 'jaeger', url: 'http://jaeger:16686' });
    expect(byUid.jaeger?.isDefault ?? false).toBe(false);
    expect(doc.datasources.filter((d) => d.isDefault === true)).toHaveLength(1);
  });

  it('datasource hosts are compose services', () => {
    for (const ds of doc.datasources) {
      const host = new URL(ds.url ?? '').hostname;
      expect(Object.keys(compose.services), ds.name).toContain(host);
    }
  });

  it('loads dashboards from where docker-compose mounts configs/grafana/dashboards', () => {
    const providers = loadYaml(DASHBOARD_PROVIDERS) as {
      apiVersion: number;
      providers: { type: string; options: { path: string } }[];
    };
    expect(providers.apiVersion).toBe(1);
    const files = providers.providers.filter((p) => p.type === 'file');
    expect(files).toHaveLength(1);
    expect(files[0]?.options.path).toBe('/var/lib/grafana/dashboards');
    expect(mountTarget('grafana', './configs/grafana/dashboards')).toBe(files[0]?.options.path);
    expect(mountTarget('grafana', './configs/grafana/provisioning')).toBe('/etc/grafana/provisioning');
  });
});

describe('configs/grafana/dashboards/syntor-overview.json', () => {
  it('is a dashboard with uid syntor-overview and title "SYNTOR overview"', () => {
    expect(isRecord(dashboard)).toBe(true);
    expect(dashboard.uid).toBe('syntor-overview');
    expect(dashboard.title).toBe('SYNTOR overview');
    expect(dashboard.schemaVersion).toBeGreaterThan(30);
    expect(dataPanels.length).toBeGreaterThanOrEqual(5);
  });

  it('has unique panel ids and a grid position for each panel', () => {
    const ids = dataPanels.map((p) => p.id);
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dataPanels) {
      expect(p.gridPos, p.title).toBeDefined();
      expect((p.gridPos?.x ?? 0) + (p.gridPos?.w ?? 0), p.title).toBeLessThanOrEqual(24);
    }
  });

  it.each(dataPanels.map((p) => [p.title ?? `panel ${p.id}`, p] as const))(
    'panel "%s" has PromQL targets on the prometheus datasource',
    (_title, panel) => {
      const targets = panel.targets ?? [];
      expect(targets.length).toBeGreaterThan(0);
      for (const t of targets) {
        expect(t.expr?.trim()).toBeTruthy();
        expect(bracketsBalanced(t.expr ?? '')).toBe(true);
        expect(t.datasource?.uid ?? panel.datasource?.uid).toBe('prometheus');
      }
    },
  );

  it.each(SYNTOR_METRICS)('a panel queries %s', (metric) => {
    const exprs = dataPanels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
    expect(exprs.some((e) => new RegExp(`\\b${metric}\\b`).test(e))).toBe(true);
  });
});

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const hasPromtool = promtool.error === undefined && promtool.status === 0;

/**
 * promtool comes from Debian's `prometheus` package, which .ci/run installs: in CI these checks always
 * run (and fail loudly if it is missing); on a developer machine without it they are left out.
 */
describe.runIf(hasPromtool || process.env.CI === 'true')('promtool', () => {
  it('is installed', () => {
    expect(promtool.error, 'promtool not found: apt-get install prometheus').toBeUndefined();
  });

  function run(args: string[]): { status: number | null; output: string } {
    const r = spawnSync('promtool', args, { encoding: 'utf8', cwd: repoPath('.') });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  }

  it.each(ruleFileNames)('check rules %s', (file) => {
    const r = run(['check', 'rules', `${RULES_DIR}/${file}`]);
    expect(r.status, r.output).toBe(0);
  });

  it('test rules (alert unit tests)', () => {
    const r = run(['test', 'rules', RULE_TESTS]);
    expect(r.status, r.output).toBe(0);
  });

  it('check config (with rule_files pointed at the repo copy)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syntor-promtool-'));
    try {
      cpSync(repoPath(RULES_DIR), join(dir, 'rules'), { recursive: true });
      const config = parse(readRepoFile(PROMETHEUS_CONFIG)) as PrometheusConfig;
      config.rule_files = (config.rule_files ?? []).map((f) =>
        f.replace('/etc/prometheus/rules', join(dir, 'rules')),
      );
      writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
      const r = run(['check', 'config', join(dir, 'prometheus.yml')]);
      expect(r.status, r.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every dashboard query parses as PromQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syntor-promtool-'));
    try {
      const exprs = dataPanels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
      const asRules = {
        groups: [
          {
            name: 'dashboard-queries',
            rules: exprs.map((expr, i) => ({
              record: `dashboard:query_${i}`,
              expr: expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m'),
            })),
          },
        ],
      };
      writeFileSync(join(dir, 'queries.yml'), stringify(asRules));
      const r = run(['check', 'rules', join(dir, 'queries.yml')]);
      expect(r.status, r.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
