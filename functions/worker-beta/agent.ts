import { workerManifest } from '../workerManifest.js';
import { beta } from './definition.js';

export default workerManifest(beta, import.meta.url);
