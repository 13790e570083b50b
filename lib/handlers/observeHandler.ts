import type { Context } from 'aws-lambda';
import { CLOUDWATCH_METRICS } from '../aws/constants.js';
import { getConfig } from '../config/index.js';
import { createEmfWriter, type EmfWriter } from '../observability/emf.js';
import { getLogger } from '../observability/logger.js';
import { metricsRegistry, processPlatformMetrics } from '../observability/metrics.js';
import { context as traceContext, contextFromTraceparent, endSpan, SpanKind, startSpan, trace } from '../observability/tracing.js';

type AnyHandler<E, R> = (event: E, context: Context) => Promise<R>;

/** What kind of trigger an event came from, by its shape (API Gateway v2, MSK, EventBridge). */
export function triggerOf(event: unknown): 'http' | 'kafka' | 'schedule' | 'direct' {
  const e = event as Record<string, unknown> | null;
  if (e && typeof e === 'object') {
    if (e.eventSource === 'aws:kafka') return 'kafka';
    if (typeof e.routeKey === 'string' && e.requestContext) return 'http';
    if (e.source === 'aws.events' || e['detail-type'] === 'Scheduled Event') return 'schedule';
  }
  return 'direct';
}

function recordCount(event: unknown): number {
  const records = (event as { records?: Record<string, unknown[]> }).records ?? {};
  return Object.values(records).reduce((n, list) => n + list.length, 0);
}

/** A result that says the invocation failed in part (Kafka batch item failures) or whole (HTTP 5xx). */
function failedResult(result: unknown): boolean {
  const r = result as { batchItemFailures?: unknown[]; statusCode?: number } | null | undefined;
  return (r?.batchItemFailures?.length ?? 0) > 0 || (r?.statusCode ?? 0) >= 500;
}

let emf: EmfWriter | undefined;

/**
 * Wraps a handler with what every invocation gets, in both runtimes: a span for the invocation
 * (an HTTP request's `traceparent` header continued) made active while it runs.
 *
 * On Lambda (no harness to watch it) it also records the platform metrics (invocations, errors,
 * duration, batch size) and, at the end of every invocation, writes what changed in the metrics as
 * CloudWatch EMF lines on stdout. Under the harness the harness records the platform metrics.
 */
export function observeHandler<E, R>(handler: AnyHandler<E, R>): AnyHandler<E, R> {
  return async (event, context) => {
    const trigger = triggerOf(event);
    const headers = trigger === 'http' ? (event as { headers?: Record<string, string | undefined> }).headers : undefined;
    const span = startSpan(context?.functionName ?? 'handler', {
      kind: trigger === 'http' ? SpanKind.SERVER : trigger === 'kafka' ? SpanKind.CONSUMER : SpanKind.INTERNAL,
      parent: contextFromTraceparent(headers?.traceparent, traceContext.active()),
      attributes: { 'faas.trigger': trigger === 'kafka' ? 'pubsub' : trigger === 'schedule' ? 'timer' : trigger, ...(context?.awsRequestId ? { 'faas.invocation_id': context.awsRequestId } : {}) },
    });
    const onLambda = process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;
    const started = performance.now();
    let failed = false;
    try {
      const result = await traceContext.with(trace.setSpan(traceContext.active(), span), () => handler(event, context));
      failed = failedResult(result);
      endSpan(span);
      return result;
    } catch (error) {
      failed = true;
      endSpan(span, error);
      throw error;
    } finally {
      // Metrics that cannot be written must not fail the invocation, nor hide its own outcome.
      if (onLambda) {
        await recordOnLambda(event, trigger, failed, (performance.now() - started) / 1000).catch((error: unknown) =>
          getLogger().warn({ error: { message: (error as Error).message } }, 'metrics not written'),
        );
      }
    }
  };
}

async function recordOnLambda(event: unknown, trigger: string, failed: boolean, seconds: number): Promise<void> {
  // The CDK app names each function's agent and id, so CloudWatch and Prometheus label them alike.
  const agent = process.env.SYNTOR_AGENT ?? 'unknown';
  const fn = process.env.SYNTOR_FUNCTION ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
  const platform = processPlatformMetrics();
  const labels = { agent, function: fn, trigger };
  platform.invocations.inc(labels);
  if (failed) platform.errors.inc(labels);
  platform.duration.observe(labels, seconds);
  if (trigger === 'kafka') platform.batchSize.observe({ agent, function: fn }, recordCount(event));
  emf ??= createEmfWriter(metricsRegistry, { namespace: CLOUDWATCH_METRICS.namespace, dimensions: { [CLOUDWATCH_METRICS.environmentDimension]: getConfig().environment } });
  for (const document of await emf.collect()) process.stdout.write(`${JSON.stringify(document)}\n`);
}
