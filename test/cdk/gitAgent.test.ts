import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import gitAgent from '../../functions/git/agent.js';
import { BUNDLE_BUDGET_BYTES } from '../../lib/bundling/constants.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp, statementsByRole, templateOf } from './support.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor/git-token-AbCdEf';
const CREDENTIALS_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor/git-credentials-AbCdEf';
const HOSTS = 'github.com,*.example.com';


describe('the git agent on Lambda', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp([gitAgent, probeAgent], { 'syntor:gitTokenSecretArn': ARN, 'syntor:gitTokenHosts': HOSTS, 'syntor:gitCredentialsSecretArn': CREDENTIALS_ARN });
  });

  it('lets only the git functions read the one token secret, and tells them its ARN and the hosts it is for', () => {
    const roles = statementsByRole(syntor);
    const readers = Object.entries(roles).filter(([, statements]) => statements.some((s) => s.Sid === 'ReadGitToken')).map(([id]) => id);
    expect(readers.length).toBe(3);
    expect(readers.every((id) => id.startsWith('git'))).toBe(true);
    for (const id of readers) expect(roles[id]!.find((s) => s.Sid === 'ReadGitToken')!.Resource).toBe(ARN);
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::Function', { FunctionName: Match.stringLikeRegexp('git-execute$'), MemorySize: 1024, Timeout: 840, Environment: { Variables: { SYNTOR_GIT_TOKEN_SECRET_ARN: ARN, SYNTOR_GIT_TOKEN_HOSTS: HOSTS } } });
  });

  it('lets only the git functions read the named credentials secret, and tells them its ARN', () => {
    const roles = statementsByRole(syntor);
    const readers = Object.entries(roles).filter(([, statements]) => statements.some((s) => s.Sid === 'ReadGitCredentials')).map(([id]) => id);
    expect(readers.length).toBe(3);
    expect(readers.every((id) => id.startsWith('git'))).toBe(true);
    for (const id of readers) expect(roles[id]!.find((s) => s.Sid === 'ReadGitCredentials')!.Resource).toBe(CREDENTIALS_ARN);
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::Function', { FunctionName: Match.stringLikeRegexp('git-execute$'), Environment: { Variables: { SYNTOR_GIT_CREDENTIALS_SECRET_ARN: CREDENTIALS_ARN } } });
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

  it.each([
    [{ 'syntor:gitTokenSecretArn': 'my-token', 'syntor:gitTokenHosts': HOSTS }, /syntor:gitTokenSecretArn: expected a Secrets Manager secret ARN/],
    [{ 'syntor:gitCredentialsSecretArn': 'my-credentials' }, /syntor:gitCredentialsSecretArn: expected a Secrets Manager secret ARN/],
    [{ 'syntor:gitTokenSecretArn': ARN }, /syntor:gitTokenHosts: required with syntor:gitTokenSecretArn/],
    [{ 'syntor:gitTokenSecretArn': ARN, 'syntor:gitTokenHosts': 'https://github.com/' }, /syntor:gitTokenHosts: expected host names/],
    [{ 'syntor:gitTokenHosts': HOSTS }, /syntor:gitTokenHosts: names the hosts of syntor:gitTokenSecretArn/],
  ])('refuses the git settings %j at synth time', async (context, message) => {
    await expect(buildTestApp([gitAgent], context)).rejects.toThrow(message);
  });
});
