import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getDeps, recordCompletions } from '../../lib/orchestration/index.js';

/** Outcomes of attempts: completed, retried with backoff, or dead-lettered; then dispatch freed capacity. */
export const handler = createKafkaBatchHandler({
  accepts: ['task.complete'],
  producer: async () => (await getDeps()).producer,
  authenticated: true,
  async process(records) {
    await recordCompletions(
      await getDeps(),
      records.map((r) => ({ ...r.message.payload, ...(r.traceparent ? { traceparent: r.traceparent } : {}) })),
    );
  },
});
