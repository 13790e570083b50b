import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../functions/index.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { buildTestApp, resourcesOf, statementsByRole, templateOf } from './support.js';

/** The logical ids of the envelope key secrets a function's role may read. */
function readableKeys(syntor: SyntorApp, functionId: string): string[] {
  const prefix = `${functionId.replaceAll('-', '')}role`;
  const [, statements] = Object.entries(statementsByRole(syntor)).find(([id]) => id.startsWith(prefix)) ?? [];
  const read = statements?.find((s) => s.Sid === 'ReadEnvelopeKeys');
  if (!read) throw new Error(`${functionId} may read no envelope key`);
  return (Array.isArray(read.Resource) ? read.Resource : [read.Resource]).map((r) => (r as { Ref: string }).Ref).sort();
}

describe('envelope keys on AWS', () => {
  let syntor: SyntorApp;
  let secrets: Record<string, { Properties: Record<string, unknown> }>;
  beforeAll(async () => {
    syntor = await buildTestApp(agents);
    secrets = Object.fromEntries(Object.entries(resourcesOf(templateOf(syntor.agents), 'AWS::SecretsManager::Secret')).filter(([id]) => id.startsWith('envelopekey')));
  });

  it('generates one secret per agent', () => {
    const names = Object.values(secrets).map((s) => s.Properties.Name as string);
    expect(names.map((n) => n.split('/').pop()).sort()).toEqual(agents.map((a) => a.name).sort());
    expect(Object.values(secrets)[0]!.Properties.GenerateSecretString).toMatchObject({ GenerateStringKey: 'key', PasswordLength: 64 });
  });

  it('lets a worker read its own key only, and tells it where to find it', () => {
    const own = Object.keys(secrets).filter((id) => id.startsWith('envelopekeyworkeralpha'));
    expect(readableKeys(syntor, 'worker-alpha-execute')).toEqual(own);
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.stringLikeRegexp('-worker-alpha-execute$'),
      Environment: { Variables: Match.objectLike({ SYNTOR_ENVELOPE_KEY_SECRET_ARN: { Ref: own[0] }, SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: Match.absent() }) },
    });
  });

  it('lets the coordinator read every agent key, to check who sent each record', () => {
    expect(readableKeys(syntor, 'coordination-complete')).toEqual(Object.keys(secrets).sort());
    const fn = Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::Lambda::Function')).find((f) => String(f.Properties.FunctionName).endsWith('-coordination-complete'))!;
    const verify = JSON.stringify((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS);
    for (const agent of agents) expect(verify).toContain(`\\"${agent.name}\\":`);
  });

  it('refuses a manifest that sets an envelope variable itself', async () => {
    const [worker] = agents.filter((a) => a.name === 'worker-alpha');
    const meddling = { ...worker!, functions: worker!.functions.map((fn) => ({ ...fn, environment: { SYNTOR_ENVELOPE_KEY: 'x'.repeat(40) } })) };
    await expect(buildTestApp([meddling])).rejects.toThrow(/environment\.SYNTOR_ENVELOPE_KEY is set by the CDK app/);
  });
});
