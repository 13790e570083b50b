import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { UNUSED_PACKAGE_MODULES, type UnusedPackageModule } from './constants.js';

const NAMESPACE = 'syntor-unused-module';

/** A CommonJS stand-in whose export fails loudly if SYNTOR ever starts using what it replaced. */
function stubSource({ packageName, module, exportShape, reason }: UnusedPackageModule): string {
  const fail = `throw new Error(${JSON.stringify(`${packageName}/${module} is left out of SYNTOR bundles: ${reason} (lib/bundling/constants.ts)`)})`;
  return exportShape === 'class' ? `module.exports = class { constructor() { ${fail}; } };` : `module.exports = function () { ${fail}; };`;
}

/**
 * Replaces the {@link UNUSED_PACKAGE_MODULES} — internal modules of a dependency that SYNTOR never
 * calls but the package requires at load time — with stubs that throw when called. Only the package's
 * own relative imports of that one file are replaced, so nothing else can be affected.
 */
export function unusedModulesPlugin(): Plugin {
  const require = createRequire(import.meta.url);
  const rootOf = (m: UnusedPackageModule) => `${dirname(require.resolve(`${m.packageName}/package.json`))}/`;
  const targets = new Map(UNUSED_PACKAGE_MODULES.map((m) => [join(rootOf(m), m.module), m]));
  const roots = UNUSED_PACKAGE_MODULES.map(rootOf);
  return {
    name: 'syntor-unused-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!roots.some((root) => args.importer.startsWith(root))) return undefined;
        const path = join(dirname(args.importer), args.path);
        const unused = targets.get(path) ?? targets.get(`${path}.js`);
        return unused ? { path: `${unused.packageName}/${unused.module}`, namespace: NAMESPACE, pluginData: unused } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: stubSource(args.pluginData as UnusedPackageModule), loader: 'js' }));
    },
  };
}
