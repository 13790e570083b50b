import type { WorkflowAdvance } from '../../../../lib/store/index.js';

/** No workflows in memory: the sweeper's repair finds nothing to move on. */
export function createMemoryWorkflowRepository() {
  return {
    async repair(): Promise<WorkflowAdvance> {
      return { started: [], cancelled: [], finished: [], outboxIds: [] };
    },
  };
}
