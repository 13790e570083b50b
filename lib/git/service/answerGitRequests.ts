import { toErrorInfo } from '../../capabilities/errorInfo.js';
import { runCapability } from '../../capabilities/runCapability.js';
import type { Capability, CapabilityContext } from '../../capabilities/types.js';
import { createMessage, type MessageOf, type PayloadInput } from '../../contracts/index.js';
import type { SyntorProducer } from '../../kafka/index.js';
import type { Logger } from '../../observability/index.js';
import { mapWithLimit } from '../../worker/mapWithLimit.js';
import { toCapabilityLogger } from '../../worker/capabilityLog.js';

type Response = PayloadInput<'service.response'>;

export interface GitRequestsRun {
  agent: string;
  capabilities: ReadonlyMap<string, Capability>;
  concurrency: number;
  producer: SyntorProducer;
  logger: Logger;
  /** Milliseconds this invocation has left; each request must finish (and be answered) within it. */
  remainingTimeMs: () => number;
}

/** Time kept back from the invocation's deadline to publish the responses. */
const REPLY_MARGIN_MS = 1_000;

/**
 * Answers `service.request` messages addressed to the git agent: the operation names a capability
 * (`git.status`, `git.clone`…), `params` is its input. Every request gets a `service.response` with its
 * correlation id (its own id when it had none): the result, or the error with its code and details.
 */
export async function answerGitRequests(run: GitRequestsRun, requests: readonly MessageOf<'service.request'>[]): Promise<void> {
  const known = [...run.capabilities.keys()].join(', ');
  const responses = await mapWithLimit(requests, run.concurrency, async (request): Promise<Response> => {
    const { operation, params } = request.payload;
    const correlationId = request.correlationId ?? request.id;
    const capability = run.capabilities.get(operation);
    if (!capability) {
      return { operation, ok: false, error: { code: 'unknown-operation', message: `${run.agent} has no operation "${operation}" (it has ${known})`, retriable: false } };
    }
    const log = run.logger.child({ correlationId, agent: run.agent, operation });
    const deadline = Date.now() + Math.max(0, run.remainingTimeMs() - REPLY_MARGIN_MS);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - Date.now()));
    const ctx: CapabilityContext = {
      // A service request has no task whose lease progress could extend.
      reportProgress: async () => undefined,
      remainingTimeMs: () => Math.max(0, deadline - Date.now()),
      log: toCapabilityLogger(log),
      signal: abort.signal,
    };
    try {
      return { operation, ok: true, result: await runCapability(capability, params, ctx) };
    } catch (error) {
      const info = toErrorInfo(error);
      log.warn({ error: { code: info.code, retriable: info.retriable, message: info.message } }, 'service request failed');
      return { operation, ok: false, error: info };
    } finally {
      clearTimeout(timer);
    }
  });
  await run.producer.publishAll(
    requests.map((request, index) => ({
      message: createMessage('service.response', responses[index]!, { source: run.agent, target: request.source, correlationId: request.correlationId ?? request.id }),
      options: { key: request.correlationId ?? request.id },
    })),
  );
}
