import type { DocsLanguage } from '../../contracts/index.js';

const FENCE: Readonly<Record<DocsLanguage, string>> = { typescript: 'ts', javascript: 'js', go: 'go', python: 'python' };
const LABEL: Readonly<Record<DocsLanguage, string>> = { typescript: 'TypeScript', javascript: 'JavaScript', go: 'Go', python: 'Python' };

export const fenceLanguage = (language: DocsLanguage): string => FENCE[language];
export const languageLabel = (language: DocsLanguage): string => LABEL[language];
