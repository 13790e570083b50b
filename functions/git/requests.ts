import type { Context } from 'aws-lambda';
import { indexCapabilities } from '../../lib/capabilities/index.js';
import { answerGitRequests } from '../../lib/git/index.js';
import { createKafkaBatchHandler } from '../../lib/handlers/index.js';
import { getLogger } from '../../lib/observability/index.js';
import { getWorkerDeps } from '../../lib/worker/deps.js';
import { git } from './definition.js';

const capabilities = indexCapabilities(git.capabilities);

/** `git.*` service requests (same operations and params as the tasks), answered on syntor.services.response. */
export const handler = createKafkaBatchHandler({
  accepts: ['service.request'],
  producer: async () => (await getWorkerDeps()).producer,
  async process(records, context: Context) {
    const { producer } = await getWorkerDeps();
    await answerGitRequests(
      { agent: git.name, capabilities, concurrency: git.concurrency, producer, logger: getLogger(), remainingTimeMs: () => context.getRemainingTimeInMillis() },
      records.map((r) => r.message),
    );
  },
});
