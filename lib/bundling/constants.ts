import { fileURLToPath } from 'node:url';

/**
 * Where `npm run synth` writes the handler bundles (content-addressed, shared between runs), and so
 * where `npm run local -- --bundles` runs them from.
 */
export const DEFAULT_BUNDLE_DIR = fileURLToPath(new URL('../../cdk.out/bundles', import.meta.url));

/** Lambda's Node.js 22 runtime. */
export const BUNDLE_TARGET = 'node22';

/**
 * Never bundled. `pg-native` is an optional binding pg loads only when asked to; `bowser` is a browser
 * user-agent parser the AWS SDK imports lazily, in browsers only.
 */
export const EXTERNAL_MODULES = ['pg-native', 'bowser'] as const;

/**
 * Credential providers the SDK's default chain imports lazily, after `fromEnv`. On Lambda the role's
 * credentials are always in the environment, so the chain never gets past `fromEnv` and these are never
 * loaded; leaving them out saves ≈110 KB (with the STS and SSO clients they pull in). The bundler checks
 * that nothing imports them statically, so an SDK change cannot turn this into a load-time failure.
 */
export const LAMBDA_UNUSED_CREDENTIAL_PROVIDERS = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
] as const;

/**
 * Packages whose modules have no import-time side effects but do not say so in their package.json.
 * Marking them lets esbuild drop them from a bundle that imports a barrel re-exporting them without
 * using them (every handler importing `lib/store` would otherwise carry node-pg-migrate, jiti and glob).
 */
export const SIDE_EFFECT_FREE_PACKAGES = ['node-pg-migrate'] as const;

export interface UnusedPackageModule {
  readonly packageName: string;
  /** The file inside the package, as its own `require('./…')` calls reach it. */
  readonly module: string;
  /** What the stub exports: a function or a class that throws when called or constructed. */
  readonly exportShape: 'function' | 'class';
  /** Why SYNTOR never needs it; the stub's error says so. */
  readonly reason: string;
}

/**
 * Modules a dependency requires at load time for features SYNTOR never uses, stubbed in bundles with
 * one that throws a clear error if ever called (unusedModulesPlugin.ts). Each is also kept out of use
 * where that can be checked: no code passes pino a `transport`, and eslint forbids prom-client's Summary.
 */
export const UNUSED_PACKAGE_MODULES: readonly UnusedPackageModule[] = [
  // Worker-thread transports (thread-stream; ≈13 KB): handlers write JSON lines to stdout with pino.destination.
  { packageName: 'pino', module: 'lib/transport.js', exportShape: 'function', reason: 'pino transports run in worker threads; SYNTOR logs to a destination stream' },
  // Summary's quantiles (tdigest, bintrees; ≈13 KB): SYNTOR's metrics are counters, gauges and histograms (EMF has no quantile type).
  { packageName: 'prom-client', module: 'lib/summary.js', exportShape: 'class', reason: 'SYNTOR defines no Summary metrics; use a Histogram' },
];

/** CommonJS dependencies (kafkajs, pg, ioredis) call `require` for Node built-ins; ESM has none. */
export const BUNDLE_BANNER = "import { createRequire as __syntorRequire } from 'node:module'; const require = __syntorRequire(import.meta.url);";

export interface ShippedPackage {
  /** Files of the package copied as they are, relative to its root. */
  readonly files: readonly string[];
  /**
   * Bundled on its own with its dependencies (minified ESM, `index.mjs`, its default export the package's
   * `module.exports`) rather than copied, so its dependencies need not each be shipped too.
   * @default false
   */
  readonly bundle?: boolean;
}

/**
 * Packages too large to bundle within the budget and loaded only on first use (a dynamic import, so
 * never at cold start), shipped instead as a node module beside the bundle of each function that
 * imports them (found in esbuild's metafile). The TypeScript compiler (≈9 MB) is the documentation
 * agent's parser; isomorphic-git with pako and its other dependencies (≈220 KB minified) runs the git
 * and documentation agents' git operations (lib/git/loadGit.ts).
 */
export const SHIPPED_PACKAGES: Readonly<Record<string, ShippedPackage>> = {
  typescript: { files: ['package.json', 'LICENSE.txt', 'lib/typescript.js'] },
  'isomorphic-git': { files: ['LICENSE.md'], bundle: true },
};

/**
 * Left to the Lambda runtime, which ships AWS SDK v3 (Node.js 22: a version with Bedrock's Converse
 * API). Each is loaded through a dynamic import on first use, so it weighs neither on the bundle nor
 * on a cold start that does not need it: Bedrock (≈110 KB) for the documentation agent's summaries;
 * MSK's GetBootstrapBrokers and Secrets Manager's GetSecretValue (≈230 KB with the SDK protocol code only
 * they use) once per cold start, only when SYNTOR_MSK_CLUSTER_ARN or a secret ARN is set
 * (lib/aws/sdkClients.ts). They call long-stable APIs, so the runtime's SDK version does not matter.
 * The bundler refuses a static import of any of them. The MSK IAM signer and the credential chain it
 * uses stay bundled, pinned by the lock file.
 */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-kafka', '@aws-sdk/client-secrets-manager'] as const;

/** Per-function budget: minified bundle size (1 MiB). */
export const BUNDLE_BUDGET_BYTES = 1024 * 1024;
