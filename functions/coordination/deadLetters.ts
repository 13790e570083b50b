import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getDeps, storeDeadLetters } from '../../lib/orchestration/index.js';

/** Stores every record on syntor.dlq (once, even when redelivered) for GET /dlq and redrive. */
export const handler = createKafkaBatchHandler({
  accepts: ['dlq.record'],
  producer: async () => (await getDeps()).producer,
  async process(records, context) {
    await storeDeadLetters(await getDeps(), records.map((r) => r.message), [], context.functionName);
  },
  // Not back to syntor.dlq, the end of the line: unreadable dead letters (e.g. Lambda's own) are stored as they are.
  async onPoison(poison, context) {
    await storeDeadLetters(await getDeps(), [], poison, context.functionName);
  },
});
