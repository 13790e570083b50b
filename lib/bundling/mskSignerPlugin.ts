import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'syntor-msk-signer';

/** Stand-ins for what aws-msk-iam-sasl-signer-js imports but SYNTOR never uses. */
const STUBS: Record<string, string> = {
  // Only its `awsDebugCreds` option calls STS (GetCallerIdentity, to log who signs).
  '@aws-sdk/client-sts': `
    const unsupported = () => { throw new Error('aws-msk-iam-sasl-signer-js: awsDebugCreds is not available in SYNTOR bundles'); };
    export class STSClient { constructor() { unsupported(); } }
    export class GetCallerIdentityCommand {}`,
  // The default chain is the SDK's own; profiles and role assumption are for laptops, not Lambda.
  '@aws-sdk/credential-providers': `
    import { defaultProvider } from '@aws-sdk/credential-provider-node';
    const unsupported = (name) => () => { throw new Error('aws-msk-iam-sasl-signer-js: ' + name + ' is not available in SYNTOR bundles'); };
    export const fromNodeProviderChain = (init = {}) => defaultProvider(init);
    export const fromIni = unsupported('awsProfileName (fromIni)');
    export const fromTemporaryCredentials = unsupported('awsRoleArn (fromTemporaryCredentials)');`,
};

/**
 * Trims AWS's MSK IAM signer to the path SYNTOR uses — the default credential chain — replacing the
 * STS client and the credential-providers bundle it requires at load time for options never set here.
 * Scoped to imports made by the signer itself, so no other code is affected.
 */
export function mskSignerPlugin(): Plugin {
  const filter = new RegExp(`^(?:${Object.keys(STUBS).map((k) => k.replace(/[/.-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'syntor-msk-signer',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (!args.importer.includes('/node_modules/aws-msk-iam-sasl-signer-js/')) return undefined;
        return { path: args.path, namespace: NAMESPACE, pluginData: dirname(args.importer) };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: STUBS[args.path] ?? '',
        loader: 'js',
        resolveDir: args.pluginData as string,
      }));
    },
  };
}
