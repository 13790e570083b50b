import { workerEntries, workerManifest } from '../../lib/worker/index.js';
import { beta } from './definition.js';

export default workerManifest(beta, workerEntries(import.meta.url));
