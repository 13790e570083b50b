import { App, Tags } from 'aws-cdk-lib';
import type { AgentManifest } from '../../lib/contracts/index.js';
import { bundleHandlers } from '../../lib/bundling/bundleHandlers.js';
import { DEFAULT_BUNDLE_DIR } from '../../lib/bundling/constants.js';
import type { BundleCatalog } from '../../lib/bundling/types.js';
import { readSettings } from './config/readSettings.js';
import type { DeploymentSettings } from './config/types.js';
import { planFunctions } from './manifests/planFunctions.js';
import type { PlannedFunction } from './manifests/types.js';
import { PROVISIONING_BUNDLES } from '../../lib/bundling/provisioning.js';
import { AgentsStack } from './stacks/AgentsStack.js';
import { DataStack } from './stacks/DataStack.js';
import { MessagingStack } from './stacks/MessagingStack.js';
import { MonitoringStack } from './stacks/MonitoringStack.js';
import { NetworkStack } from './stacks/NetworkStack.js';

const CROSS_STACK_REFERENCES = '@aws-cdk/core:defaultCrossStackReferences';

export { DEFAULT_BUNDLE_DIR };

export interface BuildSyntorAppOptions {
  /** The agents to deploy: the registry (`functions/index.ts`) in the app, test agents in tests. */
  readonly agents: readonly AgentManifest[];
  /**
   * The app to add the stacks to; its context holds the settings (`-c environment=staging`).
   * @default - a new App, reading context from the CDK CLI
   */
  readonly app?: App;
  /**
   * Where handler bundles are written (content-addressed, shared between runs).
   * @default `cdk.out/bundles`
   */
  readonly bundleDir?: string;
}

export interface SyntorApp {
  readonly app: App;
  readonly settings: DeploymentSettings;
  readonly functions: readonly PlannedFunction[];
  readonly bundles: BundleCatalog;
  readonly network: NetworkStack;
  readonly messaging: MessagingStack;
  readonly data: DataStack;
  /** Absent when no agent is declared: CloudFormation cannot deploy a stack without resources. */
  readonly agents: AgentsStack | undefined;
  readonly monitoring: MonitoringStack;
}

/**
 * Builds SYNTOR's stacks from the agent manifests and the CDK context: settings are validated, the
 * manifests checked against what AWS accepts, every handler bundled once, then the stacks composed.
 *
 * @example
 * const { app } = await buildSyntorApp({ agents });
 * app.synth();
 */
export async function buildSyntorApp(options: BuildSyntorAppOptions): Promise<SyntorApp> {
  const app = options.app ?? new App();
  // Explicitly what CDK does by default (and would warn about): an export stays while another stack imports it.
  if (app.node.tryGetContext(CROSS_STACK_REFERENCES) === undefined) app.node.setContext(CROSS_STACK_REFERENCES, 'strong');
  const settings = readSettings(app.node);
  const functions = planFunctions(options.agents, settings);
  const bundles = await bundleHandlers(
    [...functions.map((f) => ({ entry: f.fn.entry })), ...Object.values(PROVISIONING_BUNDLES)],
    options.bundleDir ?? DEFAULT_BUNDLE_DIR,
  );
  const stackProps = (name: string) => ({
    stackName: `${settings.prefix}-${name}`,
    description: `SYNTOR (${settings.environment}): ${name}`,
    terminationProtection: settings.environment === 'production',
  });
  const network = new NetworkStack(app, `${settings.prefix}-network`, { ...stackProps('network'), settings });
  const shared = { settings, network: network.network, bundles };
  const messaging = new MessagingStack(app, `${settings.prefix}-messaging`, { ...stackProps('messaging'), ...shared });
  const data = new DataStack(app, `${settings.prefix}-data`, { ...stackProps('data'), ...shared });
  const agents = functions.length === 0
    ? undefined
    : new AgentsStack(app, `${settings.prefix}-agents`, {
        ...stackProps('agents'),
        ...shared,
        data: data.data,
        ...(messaging.cluster ? { clusterArn: messaging.cluster.clusterArn } : {}),
        functions,
      });
  const monitoring = new MonitoringStack(app, `${settings.prefix}-monitoring`, {
    ...stackProps('monitoring'),
    settings,
    ...(messaging.cluster ? { clusterName: messaging.cluster.clusterName } : {}),
    functions: agents?.functions ?? [],
  });
  Tags.of(app).add('project', 'syntor');
  Tags.of(app).add('syntor:environment', settings.environment);
  return { app, settings, functions, bundles, network, messaging, data, agents, monitoring };
}
