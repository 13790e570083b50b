import type TypeScript from 'typescript';

let loading: Promise<typeof TypeScript> | undefined;

/**
 * The TypeScript compiler, imported on first use: it is 9 MB of JavaScript, and a function that only
 * searches documents should not pay for loading it at every cold start.
 */
export function loadTypeScript(): Promise<typeof TypeScript> {
  loading ??= import('typescript').then((module) => (module as { default?: typeof TypeScript }).default ?? (module as unknown as typeof TypeScript));
  return loading;
}
