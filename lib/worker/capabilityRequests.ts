import type { Context } from 'aws-lambda';
import { indexCapabilities } from '../capabilities/defineCapability.js';
import { toErrorInfo } from '../capabilities/errorInfo.js';
import { runCapability } from '../capabilities/runCapability.js';
import type { Capability, CapabilityContext } from '../capabilities/types.js';
import { createMessage, type MessageOf, type PayloadInput } from '../contracts/index.js';
import { createKafkaBatchHandler } from '../handlers/index.js';
import type { SyntorProducer } from '../kafka/index.js';
import { getLogger, type Logger } from '../observability/index.js';
import { TraceContext } from '../observability/traceContext.js';
import { toCapabilityLogger } from './capabilityLog.js';
import { getWorkerDeps } from './deps.js';
import { mapWithLimit } from './mapWithLimit.js';
import { checkResultSize, fitErrorInfo } from './resultSize.js';
import type { WorkerDefinition } from './types.js';

type Response = PayloadInput<'service.response'>;

/** Time kept back from the invocation's deadline to publish the responses. */
const REPLY_MARGIN_MS = 1_000;

export interface CapabilityRequestsRun {
  agent: string;
  capabilities: ReadonlyMap<string, Capability>;
  concurrency: number;
  producer: SyntorProducer;
  logger: Logger;
  /** Milliseconds this invocation has left; each request must finish (and be answered) within it. */
  remainingTimeMs: () => number;
}

export interface CapabilityRequestRecord {
  message: MessageOf<'service.request'>;
  /** The record's trace context: the capability runs in it and the response continues it. */
  trace?: TraceContext;
}

/**
 * Answers `service.request` messages addressed to a service agent whose operations are its
 * capabilities (`git.status`, `docs.search`…): `params` is the capability's input. Every request gets
 * a `service.response` with its correlation id (its own id when it had none): the result, or the error
 * with its code, whether to retry, and the bad fields.
 */
export async function answerCapabilityRequests(run: CapabilityRequestsRun, requests: readonly CapabilityRequestRecord[]): Promise<void> {
  const known = [...run.capabilities.keys()].join(', ');
  const responses = await mapWithLimit(requests, run.concurrency, ({ message: request, trace }): Promise<Response> => {
    const { operation, params } = request.payload;
    const capability = run.capabilities.get(operation);
    if (!capability) {
      return Promise.resolve({ operation, ok: false, error: { code: 'unknown-operation', message: `${run.agent} has no operation "${operation}" (it has ${known})`, retriable: false } });
    }
    const log = run.logger.child({ correlationId: request.correlationId ?? request.id, agent: run.agent, operation });
    return (trace ?? TraceContext.ROOT).with(() => answerOne(run, capability, params, log));
  });
  await run.producer.publishAll(
    requests.map(({ message: request, trace }, index) => ({
      message: createMessage('service.response', responses[index]!, { source: run.agent, target: request.source, correlationId: request.correlationId ?? request.id }),
      options: { key: request.correlationId ?? request.id, ...(trace ? { trace } : {}) },
    })),
  );
}

async function answerOne(run: CapabilityRequestsRun, capability: Capability, params: unknown, log: Logger): Promise<Response> {
  const operation = capability.name;
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
    const result = await runCapability(capability, params, ctx);
    // The same cap as a task's result: a response too large to publish is answered as an error.
    checkResultSize(operation, result);
    return { operation, ok: true, result };
  } catch (error) {
    const info = fitErrorInfo(toErrorInfo(error));
    log.warn({ error: { code: info.code, retriable: info.retriable, message: info.message } }, 'service request failed');
    return { operation, ok: false, error: info };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The `requests` handler of a service agent: its capabilities answered as service requests, up to
 * its concurrency at once.
 *
 * @example
 * // functions/git/requests.ts
 * export const handler = createCapabilityRequestsHandler(git);
 */
export function createCapabilityRequestsHandler(worker: WorkerDefinition) {
  const capabilities = indexCapabilities(worker.capabilities);
  return createKafkaBatchHandler({
    accepts: ['service.request'],
    producer: async () => (await getWorkerDeps()).producer,
    async process(records, context: Context) {
      const { producer } = await getWorkerDeps();
      await answerCapabilityRequests(
        { agent: worker.name, capabilities, concurrency: worker.concurrency, producer, logger: getLogger(), remainingTimeMs: () => context.getRemainingTimeInMillis() },
        records,
      );
    },
  });
}
