import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getDeps, storeDeadLetters } from '../../lib/orchestration/index.js';

/**
 * Stores every record on syntor.dlq (once, even when redelivered) for GET /dlq and redrive: SYNTOR's
 * `dlq.record`s, and the records Lambda's Kafka on-failure destination writes (under the failed
 * record's own origin, so a redrive sends it back to its source topic).
 */
export const handler = createKafkaBatchHandler({
  accepts: ['dlq.record'],
  producer: async () => (await getDeps()).producer,
  async process(records, context) {
    await storeDeadLetters(await getDeps(), records.map((r) => r.message), [], context.functionName);
  },
  // Not back to syntor.dlq, the end of the line: Lambda's records are not envelopes and arrive here,
  // where storeDeadLetters reads them; anything else unreadable is stored as it is.
  async onPoison(poison, context) {
    await storeDeadLetters(await getDeps(), [], poison, context.functionName);
  },
});
