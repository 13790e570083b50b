// `npm run synth`: the CDK app synthesized offline (no AWS account or credentials), a summary of what it
// would deploy, and the cdk-nag AwsSolutions result. Exits 1 on an unacknowledged nag error or a bundle
// over budget. Context as for cdk: `npm run synth -- -c environment=production`.
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { agents } from '../../functions/index.js';
import { runMain } from '../../lib/cli/runMain.js';
import { BUNDLE_BUDGET_BYTES } from '../../lib/bundling/constants.js';
import { buildSyntorApp } from '../lib/buildSyntorApp.js';
import { CdkContextInvalidError, CdkManifestUnsupportedError } from '../lib/errors.js';
import { collectAcknowledgements } from '../lib/summary/collectAcknowledgements.js';
import { deployedFunctions, formatSummary } from '../lib/summary/formatSummary.js';
import { parseContextArgs } from '../lib/summary/parseContextArgs.js';
import { summarizeStacks } from '../lib/summary/summarizeStacks.js';

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const outdir = 'cdk.out';
  const syntor = await buildSyntorApp({ agents, app: new App({ outdir, context: parseContextArgs(argv) }) });
  const built = performance.now();
  const assembly = syntor.app.synth();
  const synthesized = performance.now();
  const nag = new AwsSolutionsChecks().validateScope(syntor.app);
  const checked = performance.now();
  console.log(formatSummary({
    syntor,
    stacks: summarizeStacks(assembly),
    nag,
    acknowledgements: collectAcknowledgements(syntor.app),
    outdir,
    timings: {
      'bundling': syntor.bundles.buildMs,
      'constructs': built - started - syntor.bundles.buildMs,
      'synth': synthesized - built,
      'cdk-nag': checked - synthesized,
      'total': performance.now() - started,
    },
  }));
  const overBudget = deployedFunctions(syntor).filter((f) => f.bundle.bytes > BUNDLE_BUDGET_BYTES);
  return nag.violations.some((v) => v.severity === 'error') || overBudget.length > 0 ? 1 : 0;
}

runMain(main, (error) =>
  error instanceof CdkContextInvalidError || error instanceof CdkManifestUnsupportedError ? { message: error.message, exitCode: 2 } : undefined,
);
