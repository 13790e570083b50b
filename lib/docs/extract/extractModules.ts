import { languageOf } from '../source/languageOf.js';
import type { ModuleDoc, SourceFile } from '../types.js';
import { extractGoPackage } from './go.js';
import { extractPython } from './python.js';
import { extractTypeScript } from './typescript.js';

export interface ExtractedModules {
  modules: ModuleDoc[];
  notes: string[];
}

/**
 * Every module of the source: one per TypeScript, JavaScript or Python file and one per Go package
 * (directory), as `go doc` sees them. Modules with nothing exported and no module comment are left
 * out; a file the parser cannot read is noted and skipped, never fatal to the generation.
 */
export async function extractModules(files: readonly SourceFile[], onModule?: (done: number, total: number) => void): Promise<ExtractedModules> {
  const notes: string[] = [];
  const goPackages = new Map<string, SourceFile[]>();
  const jobs: (() => Promise<ModuleDoc>)[] = [];
  for (const file of files) {
    const language = languageOf(file.path);
    if (language === 'go') {
      const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '.';
      goPackages.set(dir, [...(goPackages.get(dir) ?? []), file]);
    } else if (language === 'python') {
      jobs.push(async () => extractPython(file));
    } else if (language) {
      jobs.push(() => extractTypeScript(file, language));
    }
  }
  for (const [dir, packageFiles] of goPackages) jobs.push(async () => extractGoPackage(dir, packageFiles));

  const modules: ModuleDoc[] = [];
  for (const [i, job] of jobs.entries()) {
    try {
      const module = await job();
      if (module.symbols.length > 0 || module.doc !== '') modules.push(module);
    } catch (error) {
      notes.push(`a module could not be read and is not documented: ${(error as Error).message}`);
    }
    onModule?.(i + 1, jobs.length);
  }
  return { modules: modules.sort((a, b) => a.path.localeCompare(b.path)), notes };
}
