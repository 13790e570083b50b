import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { collectAcknowledgements } from '../../cdk/lib/summary/collectAcknowledgements.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp } from './support.js';

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['local defaults', {}],
    ['staging, provisioned MSK, JWT routes', { environment: 'staging', 'syntor:kafka': 'provisioned', 'syntor:httpAuth': 'jwt', 'syntor:jwtIssuer': 'https://id.example.com', 'syntor:jwtAudience': 'syntor' }],
    ['production, Aurora Serverless v2', { environment: 'production', 'syntor:database': 'aurora-serverless', 'syntor:alarmEmail': 'ops@example.com' }],
  ])('reports no unacknowledged error (%s), and every acknowledgement says why', async (_name, context) => {
    const syntor = await buildTestApp([probeAgent], context);
    syntor.app.synth();

    const report = new AwsSolutionsChecks().validateScope(syntor.app);

    expect(report.violations.filter((v) => v.severity === 'error').map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    const acknowledgements = collectAcknowledgements(syntor.app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) expect(a.reason.length, a.rule).toBeGreaterThanOrEqual(40);
  });
});
