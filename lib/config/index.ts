export { ConfigInvalidError } from './errors.js';
export { getConfig, loadConfig } from './loadConfig.js';
export { gitCredentialsSchema } from './schema.js';
export type { GitCredential, SyntorConfig, TaskLimit } from './types.js';
