import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { answerServiceRequests, getDeps } from '../../lib/orchestration/index.js';

/** Service requests to the coordinator (`task.submit`), answered on syntor.services.response. */
export const handler = createKafkaBatchHandler({
  accepts: ['service.request'],
  producer: async () => (await getDeps()).producer,
  authenticated: true,
  async process(records) {
    await answerServiceRequests(await getDeps(), records);
  },
});
