import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The console as files the harness serves: path → content type and bytes. */
export type ConsoleAssets = ReadonlyMap<string, { contentType: string; body: Buffer }>;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
let built: Promise<ConsoleAssets> | undefined;

/**
 * Builds the console once per process with esbuild (already how every handler is bundled), in memory:
 * one minified ES module, the page and its stylesheet. No CDN, nothing fetched at run time.
 */
export function consoleAssets(): Promise<ConsoleAssets> {
  built ??= (async () => {
    const bundle = await build({ entryPoints: [here('./src/main.ts')], bundle: true, format: 'esm', minify: true, write: false, target: 'es2022', platform: 'browser', logLevel: 'silent' });
    const [html, css] = await Promise.all([readFile(here('./index.html')), readFile(here('./style.css'))]);
    return new Map([
      ['/console/', { contentType: 'text/html; charset=utf-8', body: html }],
      ['/console/app.js', { contentType: 'text/javascript; charset=utf-8', body: Buffer.from(bundle.outputFiles[0]!.contents) }],
      ['/console/style.css', { contentType: 'text/css; charset=utf-8', body: css }],
    ]);
  })();
  built.catch(() => (built = undefined));
  return built;
}
