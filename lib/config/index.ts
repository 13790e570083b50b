export { ConfigInvalidError } from './errors.js';
export { getConfig, loadConfig } from './loadConfig.js';
export type { SyntorConfig } from './types.js';
