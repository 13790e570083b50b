import { workerManifest } from '../workerManifest.js';
import { alpha } from './definition.js';

export default workerManifest(alpha, import.meta.url);
