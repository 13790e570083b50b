import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getDeps } from '../../lib/orchestration/index.js';

/** Stores every record on syntor.dlq (keyed by message id, so a redelivery is stored once) for GET /dlq and redrive. */
export const handler = createKafkaBatchHandler({
  accepts: ['dlq.record'],
  producer: async () => (await getDeps()).producer,
  async process(records) {
    const { deadLetters } = await getDeps();
    for (const { message } of records) await deadLetters.add(message.payload, message.id);
  },
});
