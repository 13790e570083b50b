import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import gitAgent from '../../functions/git/agent.js';
import { BUNDLE_BUDGET_BYTES } from '../../cdk/lib/bundling/constants.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp, statementsByRole, templateOf } from './support.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor/git-token-AbCdEf';


describe('the git agent on Lambda', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp([gitAgent, probeAgent], { 'syntor:gitTokenSecretArn': ARN });
  });

  it('lets only the git functions read the one token secret, and tells them its ARN', () => {
    const roles = statementsByRole(syntor);
    const readers = Object.entries(roles).filter(([, statements]) => statements.some((s) => s.Sid === 'ReadGitToken')).map(([id]) => id);
    expect(readers.length).toBe(3);
    expect(readers.every((id) => id.startsWith('git'))).toBe(true);
    for (const id of readers) expect(roles[id]!.find((s) => s.Sid === 'ReadGitToken')!.Resource).toBe(ARN);
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::Function', { FunctionName: Match.stringLikeRegexp('git-execute$'), MemorySize: 1024, Timeout: 900, Environment: { Variables: { SYNTOR_GIT_TOKEN_SECRET_ARN: ARN } } });
  });

  it('keeps every git bundle within the budget, isomorphic-git shipped beside it', () => {
    const git = syntor.functions.filter((f) => f.agent.name === 'git');
    expect(git.map((f) => f.fn.name).sort()).toEqual(['execute', 'heartbeat', 'requests']);
    for (const f of git) {
      const bundle = syntor.bundles.get(f.fn.entry);
      expect(bundle.bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
      expect(bundle.shippedPackages).toEqual(['isomorphic-git']);
    }
  });

  it('refuses a token secret setting that is not a secret ARN', async () => {
    await expect(buildTestApp([gitAgent], { 'syntor:gitTokenSecretArn': 'my-token' })).rejects.toThrow(/syntor:gitTokenSecretArn: expected a Secrets Manager secret ARN/);
  });
});
