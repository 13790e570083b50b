import type { AgentManifest } from '../lib/contracts/index.js';

/**
 * Every agent SYNTOR runs. The local harness (`npm run local`) and the CDK app read this list and
 * nothing else; adding an agent is adding its folder and one line here.
 */
export const agents: readonly AgentManifest[] = [];
