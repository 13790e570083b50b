import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { CLOUDWATCH_METRICS } from '../../aws/constants.js';
import { getConfig } from '../../config/index.js';
import { createEmfWriter, type EmfWriter } from '../../observability/emf.js';
import { getLogger } from '../../observability/logger.js';
import { metricsRegistry, processPlatformMetrics } from '../../observability/metrics.js';
import { TraceContext } from '../../observability/traceContext.js';
import { SpanKind } from '../../observability/tracing.js';
import { triggerOf, type Trigger } from '../triggerOf.js';

/** Per-invocation state, under this key of `request.internal`. */
export const OBSERVABILITY_KEY = 'syntor:observability';

interface Invocation {
  /** The invocation span's context. */
  trace: TraceContext;
  trigger: Trigger;
  records: number;
  started: number;
}

type ObservedRequest = Request<unknown, unknown, Error, Context, { [OBSERVABILITY_KEY]?: Invocation }>;

/**
 * The trace context of each invocation's span, by its Lambda context (one per invocation). Middy has
 * no hook that runs the rest of the chain inside a callback, so `inInvocationSpan` and middlewares
 * that do I/O activate it themselves.
 */
const invocationContexts = new WeakMap<object, TraceContext>();

/** The invocation span's trace context, while `observability` runs for `context`. */
export function invocationTraceContext(context: Context): TraceContext | undefined {
  return invocationContexts.get(context);
}

/**
 * Runs `work` with the invocation's span active, so the spans of what it calls (pg, ioredis, http,
 * a publish's traceparent) are its children.
 */
export function inInvocation<T>(context: Context, work: () => T): T {
  const active = invocationContexts.get(context);
  return active ? active.with(work) : work();
}

/**
 * A handler that runs with the invocation's span active: the base handler of every SYNTOR function.
 *
 * @example
 * middy(inInvocationSpan(fn)).use(observability());
 */
export function inInvocationSpan<E, R>(handler: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return (event, context) => inInvocation(context, () => handler(event, context));
}

function recordCount(event: unknown): number {
  const records = (event as { records?: Record<string, unknown[]> } | null)?.records ?? {};
  return Object.values(records).reduce((n, list) => n + list.length, 0);
}

/** A result that says the invocation failed in part (Kafka batch item failures) or whole (HTTP 5xx). */
function failedResult(result: unknown): boolean {
  const r = result as { batchItemFailures?: unknown[]; statusCode?: number } | null | undefined;
  return (r?.batchItemFailures?.length ?? 0) > 0 || (r?.statusCode ?? 0) >= 500;
}

let emf: EmfWriter | undefined;

/**
 * What every invocation gets, in both runtimes: a span for the invocation (an HTTP request's
 * `traceparent` header continued), made active by `inInvocationSpan` while the handler runs.
 *
 * On Lambda (no harness to watch it) it also records the platform metrics (invocations, errors,
 * duration, batch size) and, at the end of every invocation, writes what changed in the metrics as
 * CloudWatch EMF lines on stdout. Under the harness the harness records the platform metrics.
 *
 * Use it first: its `after` and `onError` then run last and see the final outcome. The middlewares
 * after it must not answer early from `before` or return from `after`/`onError` (Middy then skips
 * the rest of the chain, this one's end included): they set `request.response` instead.
 *
 * @example
 * export const handler = middy(inInvocationSpan(sweepOnce)).use(observability());
 */
export function observability(): MiddlewareObj<unknown, unknown, Error, Context> {
  function startInvocationSpan(request: ObservedRequest): void {
    const { event, context } = request;
    const trigger = triggerOf(event);
    const headers = trigger === 'http' ? (event as { headers?: Record<string, string | undefined> }).headers : undefined;
    const trace = TraceContext.fromTraceparent(headers?.traceparent, TraceContext.active()).child(context?.functionName ?? 'handler', {
      kind: trigger === 'http' ? SpanKind.SERVER : trigger === 'kafka' ? SpanKind.CONSUMER : SpanKind.INTERNAL,
      attributes: { 'faas.trigger': trigger === 'kafka' ? 'pubsub' : trigger === 'schedule' ? 'timer' : trigger, ...(context?.awsRequestId ? { 'faas.invocation_id': context.awsRequestId } : {}) },
    });
    invocationContexts.set(context, trace);
    request.internal[OBSERVABILITY_KEY] = { trace, trigger, records: trigger === 'kafka' ? recordCount(event) : 0, started: performance.now() };
  }

  async function endInvocation(request: ObservedRequest, failed: boolean, error?: unknown): Promise<void> {
    const invocation = request.internal[OBSERVABILITY_KEY];
    if (!invocation) return;
    delete request.internal[OBSERVABILITY_KEY];
    // Another invocation handed the same context object (a test reusing one) may have replaced it.
    const active = invocationContexts.get(request.context);
    if (active === invocation.trace) invocationContexts.delete(request.context);
    invocation.trace.end(error);
    // Metrics that cannot be written must not fail the invocation, nor hide its own outcome.
    if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) {
      await recordOnLambda(invocation, failed, (performance.now() - invocation.started) / 1000).catch((err: unknown) =>
        getLogger().warn({ error: { message: (err as Error).message } }, 'metrics not written'),
      );
    }
  }

  return {
    before: startInvocationSpan,
    after: (request: ObservedRequest) => endInvocation(request, failedResult(request.response)),
    // An error a middleware answered (a 503 for an outage) is an outcome, not the span's failure.
    onError: (request: ObservedRequest) =>
      request.response === undefined ? endInvocation(request, true, request.error) : endInvocation(request, failedResult(request.response)),
  };
}

async function recordOnLambda(invocation: Invocation, failed: boolean, seconds: number): Promise<void> {
  // The CDK app names each function's agent and id, so CloudWatch and Prometheus label them alike.
  const agent = process.env.SYNTOR_AGENT ?? 'unknown';
  const fn = process.env.SYNTOR_FUNCTION ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
  const platform = processPlatformMetrics();
  const labels = { agent, function: fn, trigger: invocation.trigger };
  platform.invocations.inc(labels);
  if (failed) platform.errors.inc(labels);
  platform.duration.observe(labels, seconds);
  if (invocation.trigger === 'kafka') platform.batchSize.observe({ agent, function: fn }, invocation.records);
  emf ??= createEmfWriter(metricsRegistry, { namespace: CLOUDWATCH_METRICS.namespace, dimensions: { [CLOUDWATCH_METRICS.environmentDimension]: getConfig().environment } });
  for (const document of await emf.collect()) process.stdout.write(`${JSON.stringify(document)}\n`);
}
