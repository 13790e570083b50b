import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import docsAgent from '../../functions/docs/agent.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp, statementsByRole, templateOf } from './support.js';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';


describe('the documentation agent on Lambda', () => {
  let withModel: SyntorApp;
  beforeAll(async () => {
    withModel = await buildTestApp([docsAgent, probeAgent], { 'syntor:bedrockModelId': MODEL });
  });

  it('lets only the docs functions invoke the one configured Bedrock model, and tells them which', () => {
    const roles = statementsByRole(withModel);
    const invokers = Object.entries(roles).filter(([, statements]) => statements.some((s) => JSON.stringify(s.Action).includes('bedrock:'))).map(([id]) => id);
    expect(invokers.length).toBe(3);
    expect(invokers.every((id) => id.startsWith('docs'))).toBe(true);
    for (const id of invokers) {
      const statement = roles[id]!.find((s) => s.Sid === 'InvokeSummaryModel')!;
      expect(statement.Action).toBe('bedrock:InvokeModel');
      expect(JSON.stringify(statement.Resource)).toContain(`::foundation-model/${MODEL}`);
    }
    templateOf(withModel.agents).hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Environment: { Variables: { SYNTOR_BEDROCK_MODEL_ID: MODEL } } });
  });

  it('grants no Bedrock access at all without a configured model', async () => {
    const without = await buildTestApp([docsAgent]);
    expect(JSON.stringify(templateOf(without.agents).toJSON())).not.toContain('bedrock');
  });

  it('ships the TypeScript compiler and isomorphic-git beside the docs bundles instead of in them', () => {
    const docs = withModel.functions.filter((f) => f.agent.name === 'docs');
    expect(docs.map((f) => f.fn.name).sort()).toEqual(['execute', 'heartbeat', 'requests']);
    for (const f of docs) {
      const bundle = withModel.bundles.get(f.fn.entry);
      expect(bundle.shippedPackages).toEqual(['typescript', 'isomorphic-git']);
      expect(existsSync(join(bundle.directory, 'node_modules/typescript/lib/typescript.js'))).toBe(true);
      expect(existsSync(join(bundle.directory, 'node_modules/isomorphic-git/index.mjs'))).toBe(true);
    }
    const probe = withModel.functions.find((f) => f.agent.name === probeAgent.name)!;
    expect(withModel.bundles.get(probe.fn.entry).shippedPackages).toEqual([]);
  });

  it('refuses a model setting that is neither a model id nor an ARN', async () => {
    await expect(buildTestApp([docsAgent], { 'syntor:bedrockModelId': 'not a model' })).rejects.toThrow(/syntor:bedrockModelId: expected a Bedrock model id/);
  });
});
