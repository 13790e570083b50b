import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getDeps, recordRegistrations } from '../../lib/orchestration/index.js';

/** Agent registrations and heartbeats: the registry and liveness the router relies on. */
export const handler = createKafkaBatchHandler({
  accepts: ['agent.register', 'agent.deregister', 'agent.heartbeat'],
  producer: async () => (await getDeps()).producer,
  authenticated: true,
  async process(records) {
    await recordRegistrations(await getDeps(), records.map((r) => r.message));
  },
});
