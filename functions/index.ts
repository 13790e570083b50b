import type { AgentManifest } from '../lib/contracts/index.js';
import coordination from './coordination/agent.js';
import docs from './docs/agent.js';
import git from './git/agent.js';
import workerAlpha from './worker-alpha/agent.js';
import workerBeta from './worker-beta/agent.js';

/**
 * Every agent SYNTOR runs. The local harness (`npm run local`) and the CDK app read this list and
 * nothing else; adding an agent is adding its folder and one line here.
 */
export const agents: readonly AgentManifest[] = [coordination, workerAlpha, workerBeta, git, docs];
