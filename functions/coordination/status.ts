import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getDeps, recordStatuses } from '../../lib/orchestration/index.js';

/** Task status heartbeats from agents: extend leases, mark tasks running. */
export const handler = createKafkaBatchHandler({
  accepts: ['task.status'],
  producer: async () => (await getDeps()).producer,
  authenticated: true,
  async process(records) {
    await recordStatuses(await getDeps(), records.map((r) => r.message.payload));
  },
});
