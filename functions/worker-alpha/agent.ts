import { workerEntries, workerManifest } from '../../lib/worker/index.js';
import { alpha } from './definition.js';

export default workerManifest(alpha, workerEntries(import.meta.url));
