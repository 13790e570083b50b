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

/** CommonJS dependencies (kafkajs, pg, ioredis) call `require` for Node built-ins; ESM has none. */
export const BUNDLE_BANNER = "import { createRequire as __syntorRequire } from 'node:module'; const require = __syntorRequire(import.meta.url);";

/**
 * Packages too large to bundle within the budget, shipped instead as a node module beside the bundle of
 * each function that imports them (found in esbuild's metafile), with only the files they load at run
 * time. The TypeScript compiler (≈9 MB) is the documentation agent's parser; it loads it on first use.
 */
export const SHIPPED_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  typescript: ['package.json', 'LICENSE.txt', 'lib/typescript.js'],
};

/**
 * Left to the Lambda runtime, which ships AWS SDK v3 (Node.js 22: a version with Bedrock's Converse
 * API). Only the documentation agent's summaries use it, through a dynamic import on first use, so
 * its ≈110 KB do not weigh on the bundle or on cold starts. Everything else keeps bundling its SDK
 * clients, pinned by the lock file.
 */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/client-bedrock-runtime'] as const;

/** Per-function budget: minified bundle size (1 MiB). */
export const BUNDLE_BUDGET_BYTES = 1024 * 1024;
