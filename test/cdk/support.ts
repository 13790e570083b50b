import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AgentManifest } from '../../lib/contracts/index.js';
import { buildSyntorApp, type SyntorApp } from '../../cdk/lib/buildSyntorApp.js';

/** Bundles are content-addressed, so every test file shares one directory outside the repo. */
export const TEST_BUNDLE_DIR = join(tmpdir(), 'syntor-cdk-test-bundles');

/** Builds the whole app for the given agents and context, offline, as `npm run synth` does. */
export async function buildTestApp(agents: readonly AgentManifest[], context: Record<string, unknown> = {}): Promise<SyntorApp> {
  return buildSyntorApp({ agents, app: new App({ context }), bundleDir: TEST_BUNDLE_DIR });
}

export function templateOf(stack: Parameters<typeof Template.fromStack>[0] | undefined): Template {
  if (!stack) throw new Error('stack not created');
  return Template.fromStack(stack);
}

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, { Properties: Record<string, unknown>; DeletionPolicy?: string }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown>; DeletionPolicy?: string }>;
}

/** An IAM policy statement as the templates hold it. */
export interface PolicyStatement {
  Sid?: string;
  Action: unknown;
  Resource: unknown;
}

/** The statements of every IAM policy of the agents stack, by the policy's logical id. */
export function statementsByRole(syntor: SyntorApp): Record<string, PolicyStatement[]> {
  return Object.fromEntries(
    Object.entries(resourcesOf(templateOf(syntor.agents), 'AWS::IAM::Policy')).map(([id, resource]) => [id, (resource.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement]),
  );
}
