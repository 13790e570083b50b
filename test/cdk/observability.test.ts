import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { taskWidgetMetricNames } from '../../cdk/lib/stacks/taskWidgets.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp, resourcesOf, templateOf } from './support.js';

/** The dashboard body as CloudFormation holds it: a Fn::Join of strings and tokens, flattened to text. */
function dashboardBody(syntor: SyntorApp): string {
  const [dashboard] = Object.values(resourcesOf(templateOf(syntor.monitoring), 'AWS::CloudWatch::Dashboard'));
  const body = dashboard!.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  return body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '<token>')).join('');
}

describe('observability on AWS', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp([probeAgent], { environment: 'staging' });
  });

  it('names each function\'s agent and id, so its EMF metrics carry the labels the harness gives them', () => {
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'syntor-staging-probe-consume',
      Environment: { Variables: Match.objectLike({ SYNTOR_AGENT: 'probe', SYNTOR_FUNCTION: 'probe-consume' }) },
    });
  });

  it('graphs the agents\' task metrics from the SYNTOR namespace, for this environment only', () => {
    const body = dashboardBody(syntor);
    for (const metric of taskWidgetMetricNames()) expect(body).toContain(`MetricName=\\"${metric}\\"`);
    expect(body).toContain('{SYNTOR,environment,status} MetricName=\\"syntor_tasks_by_status\\" environment=\\"staging\\"');
    expect(body).not.toContain('environment=\\"local\\"');
  });

  it('adds no tracing layer by default, and the ADOT layer with kafkajs left out when asked', async () => {
    const plain = templateOf(syntor.agents).findResources('AWS::Lambda::Function');
    expect(Object.values(plain).every((f) => (f as { Properties: { Layers?: unknown } }).Properties.Layers === undefined)).toBe(true);

    const adot = await buildTestApp([probeAgent], { environment: 'staging', 'syntor:tracing': 'adot' });
    const functions = Object.values(resourcesOf(templateOf(adot.agents), 'AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    // The layer ARN is regional (a Fn::Join with the region); its name says which layer it is.
    for (const f of functions) expect(JSON.stringify(f.Properties.Layers)).toMatch(/layer:aws-otel-nodejs-arm64-ver-/);
    templateOf(adot.agents).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'syntor-staging-probe-consume',
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: Match.objectLike({ AWS_LAMBDA_EXEC_WRAPPER: '/opt/otel-handler', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'kafkajs' }) },
    });
  });

  it('refuses an unknown tracing mode, naming the key', async () => {
    await expect(buildTestApp([probeAgent], { 'syntor:tracing': 'zipkin' })).rejects.toThrow(/syntor:tracing/);
  });
});
