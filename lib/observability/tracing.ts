import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context as TraceContext,
  type Link,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';

export { context, ROOT_CONTEXT, SpanKind, trace, type Span, type TraceContext };

/** The instrumentation scope of every span SYNTOR itself starts. */
export const TRACER_NAME = 'syntor';

// Kafka headers and stored tasks carry `traceparent` whether or not a tracing SDK is registered, so it
// is read and written here rather than through the global propagation API (a no-op until an SDK
// starts). With no SDK, a span started under an extracted context is non-recording and carries the
// parent's ids: the trace id then passes through every hop unchanged, and log lines still join up.
// By hand rather than with @opentelemetry/core's propagator: it is one regex, run per record and per
// message, where the propagator allocates a carrier and a context per call.
// https://www.w3.org/TR/trace-context/#traceparent-header
const TRACEPARENT = /^00-((?!0{32})[0-9a-f]{32})-((?!0{16})[0-9a-f]{16})-([0-9a-f]{2})$/;

/** The tracer SYNTOR's spans come from: the registered SDK's, or the API's no-op one. */
export function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/** The active trace context (the root one unless an SDK with a context manager runs). */
export function activeContext(): TraceContext {
  return context.active();
}

/** The context a `traceparent` header continues (`base` when there is none or it is malformed). */
export function contextFromTraceparent(traceparent: string | undefined, base: TraceContext = ROOT_CONTEXT): TraceContext {
  const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent);
  if (!match) return base;
  return trace.setSpanContext(base, { traceId: match[1]!, spanId: match[2]!, traceFlags: parseInt(match[3]!, 16) & 1, isRemote: true });
}

function format(spanContext: SpanContext | undefined): string | undefined {
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return `00-${spanContext.traceId}-${spanContext.spanId}-0${spanContext.traceFlags & 1}`;
}

/** The `traceparent` that continues `ctx`'s span (undefined when it has none). */
export function traceparentOf(ctx: TraceContext = context.active()): string | undefined {
  return format(trace.getSpanContext(ctx));
}

/** The `traceparent` of a span, for a message or a stored task that continues it. */
export function traceparentOfSpan(span: Span): string | undefined {
  return format(span.spanContext());
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** @default the active context */
  parent?: TraceContext;
}

/** Starts a span; the caller ends it (see `endSpan`). */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  const { parent, ...rest } = options;
  return tracer().startSpan(name, rest, parent ?? context.active());
}

/** Ends a span, marking it failed with the error when there was one. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

/**
 * Runs `work` in a new span made active (client spans of pg, ioredis and http nest under it), ending it
 * when `work` settles.
 *
 * @example
 * await inSpan('dispatch', { attributes: { 'syntor.tasks': 12 } }, () => dispatchPending(deps));
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const span = startSpan(name, options);
  try {
    const result = await context.with(trace.setSpan(options.parent ?? context.active(), span), () => work(span));
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}
