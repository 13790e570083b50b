import type { ModuleDoc } from '../types.js';
import { firstSentence } from './markdown.js';

/** A module's one line for the index: its summary's or comment's first sentence, else what it exports. */
export function describeModule(module: ModuleDoc): string {
  const text = firstSentence(module.summary ?? '') || firstSentence(module.doc);
  if (text) return text;
  const names = module.symbols.slice(0, 5).map((s) => s.name);
  return names.length === 0 ? '' : `Exports ${names.join(', ')}${module.symbols.length > 5 ? ', …' : ''}.`;
}
