import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { SIDE_EFFECT_FREE_PACKAGES } from './constants.js';

const ZOD_IMPORT = /import\s*\{\s*z\s*\}\s*from\s*(['"])zod\1/g;

/**
 * `import { z } from 'zod'` makes esbuild keep all of zod (≈440 KB minified, every locale included),
 * because `z` is a re-exported namespace object it cannot see through. Importing the same namespace
 * directly (`import * as z from …/classic/external.js`, which is what zod's index re-exports as `z`)
 * lets it keep only what is used (≈80 KB). Rollup and webpack need no such help (zod#6050).
 */
export function zodNamespacePlugin(): Plugin {
  const zodRoot = dirname(createRequire(import.meta.url).resolve('zod/package.json'));
  const external = join(zodRoot, 'v4', 'classic', 'external.js');
  return {
    name: 'syntor-zod-namespace',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!ZOD_IMPORT.test(source)) return undefined;
        return { contents: source.replace(ZOD_IMPORT, `import * as z from ${JSON.stringify(external)}`), loader: 'ts' };
      });
    },
  };
}

/** Marks {@link SIDE_EFFECT_FREE_PACKAGES} as free of import-time side effects, so unused imports drop. */
export function sideEffectFreePlugin(): Plugin {
  const names = SIDE_EFFECT_FREE_PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const filter = new RegExp(`^(?:${names.join('|')})(?:/|$)`);
  return {
    name: 'syntor-side-effect-free',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === 'syntor-resolving') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'syntor-resolving' });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, sideEffects: false };
      });
    },
  };
}
