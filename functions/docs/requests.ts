import type { Context } from 'aws-lambda';
import { answerWithCapabilities } from '../../lib/docs/index.js';
import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getLogger } from '../../lib/observability/index.js';
import { getWorkerDeps } from '../../lib/worker/deps.js';
import { toCapabilityLogger } from '../../lib/worker/capabilityLog.js';
import { docs } from './definition.js';

/** Time kept back from the invocation's deadline to publish the responses. */
const PUBLISH_MARGIN_MS = 2_000;

/** `docs.*` service requests (search, get, list, generate), answered on syntor.services.response. */
export const handler = createKafkaBatchHandler({
  accepts: ['service.request'],
  producer: async () => (await getWorkerDeps()).producer,
  async process(records, context: Context) {
    await answerWithCapabilities(
      {
        agent: docs.name,
        capabilities: docs.capabilities,
        producer: (await getWorkerDeps()).producer,
        budgetMs: context.getRemainingTimeInMillis() - PUBLISH_MARGIN_MS,
        log: toCapabilityLogger(getLogger().child({ agent: docs.name })),
      },
      records.map((r) => r.message),
    );
  },
});
