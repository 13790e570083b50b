import { toErrorInfo } from '../capabilities/errorInfo.js';
import { runCapability } from '../capabilities/runCapability.js';
import type { Capability, CapabilityContext } from '../capabilities/types.js';
import { createMessage, type MessageOf, type PayloadInput } from '../contracts/index.js';
import type { SyntorProducer } from '../kafka/index.js';
import { mapWithLimit } from '../worker/mapWithLimit.js';

/** Requests of one batch run this many at a time (each may hold a database connection). */
const CONCURRENCY = 4;

export interface ServiceAnswerOptions {
  agent: string;
  capabilities: readonly Capability[];
  producer: SyntorProducer;
  /** The time the batch may take (the invocation's remaining time, less a margin to publish). */
  budgetMs: number;
  log: CapabilityContext['log'];
}

/**
 * Answers `service.request` messages addressed to a service agent by running the capability named by
 * each request's operation on its params, and replies on syntor.services.response with the request's
 * correlation id (its own id when it had none): the result, or the error naming each bad field.
 */
export async function answerWithCapabilities(options: ServiceAnswerOptions, requests: readonly MessageOf<'service.request'>[]): Promise<void> {
  const byName = new Map(options.capabilities.map((c) => [c.name, c]));
  const deadline = Date.now() + options.budgetMs;
  const responses = await mapWithLimit(requests, CONCURRENCY, async ({ payload: { operation, params } }): Promise<PayloadInput<'service.response'>> => {
    const capability = byName.get(operation);
    if (!capability) {
      const known = [...byName.keys()].join(', ');
      return { operation, ok: false, error: { code: 'unknown-operation', message: `${options.agent} has no operation "${operation}" (it has ${known})`, retriable: false } };
    }
    const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    const ctx: CapabilityContext = { reportProgress: async () => undefined, remainingTimeMs: () => Math.max(0, deadline - Date.now()), log: options.log, signal };
    try {
      return { operation, ok: true, result: await runCapability(capability, params, ctx) };
    } catch (error) {
      const info = toErrorInfo(error);
      const code = (error as { code?: unknown }).code;
      return { operation, ok: false, error: typeof code === 'string' ? { ...info, details: { ...(info.details as object | undefined), code } } : info };
    }
  });
  await options.producer.publishAll(
    requests.map((request, index) => ({
      message: createMessage('service.response', responses[index]!, {
        source: options.agent,
        target: request.source,
        correlationId: request.correlationId ?? request.id,
      }),
      options: { key: request.correlationId ?? request.id },
    })),
  );
}
