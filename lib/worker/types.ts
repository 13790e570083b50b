import type { Capability } from '../capabilities/types.js';

/** What a worker agent is: its name, how many tasks it runs at once, what it can do. */
export interface WorkerDefinition {
  name: string;
  concurrency: number;
  capabilities: readonly Capability[];
  version?: string;
  /** A service agent (git, docs) runs tasks like a worker and also answers service requests. @default 'worker' */
  kind?: 'service' | 'worker';
}
