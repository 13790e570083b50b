import type { DocsSummaries } from '../../contracts/index.js';
import type { ProviderChoice } from '../../models/index.js';
import { mapWithLimit } from '../../worker/mapWithLimit.js';
import { SUMMARY_LIMITS } from '../constants.js';
import { languageLabel } from '../render/fenceLanguage.js';
import { renderModule } from '../render/renderModule.js';
import type { ModuleDoc } from '../types.js';

export interface SummaryLimits {
  maxModules: number;
  timeoutMs: number;
  concurrency: number;
  maxInputChars: number;
}

/**
 * Asks the model provider for a summary of each module (the largest first, up to the cap) and sets
 * `module.summary`. Bounded: a timeout per call, a few calls at once, a cap per generation; a failed
 * call is noted and its module documented without a summary — it never fails the generation.
 */
export async function summarizeModules(
  modules: readonly ModuleDoc[],
  commit: string,
  choice: ProviderChoice,
  options: { limits?: Partial<SummaryLimits>; signal?: AbortSignal; onSummary?: (done: number, total: number) => void } = {},
): Promise<DocsSummaries> {
  if (!choice.provider) return { enabled: false, reason: choice.reason };
  const { provider } = choice;
  const limits = { ...SUMMARY_LIMITS, ...options.limits };
  const chosen = [...modules].sort((a, b) => b.symbols.length - a.symbols.length || a.path.localeCompare(b.path)).slice(0, limits.maxModules);
  const failed: { path: string; reason: string }[] = [];
  let done = 0;
  await mapWithLimit(chosen, limits.concurrency, async (module) => {
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      options.signal?.throwIfAborted();
      const text = renderModule(module, commit).slice(0, limits.maxInputChars);
      module.summary = await provider.summarize({ subject: `${module.path} (${languageLabel(module.language)})`, text }, { signal });
    } catch (error) {
      failed.push({ path: module.path, reason: timeout.aborted ? `timed out after ${limits.timeoutMs} ms` : (error as Error).message });
    }
    options.onSummary?.(++done, chosen.length);
  });
  return { enabled: true, provider: provider.name, summarized: chosen.length - failed.length, skipped: modules.length - chosen.length, failed: failed.sort((a, b) => a.path.localeCompare(b.path)) };
}
