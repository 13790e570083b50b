import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span, type SpanContext } from '@opentelemetry/api';

export { SpanKind };

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

/** The context a `traceparent` header continues (`base` when there is none or it is malformed). */
export function contextFromTraceparent(traceparent: string | undefined, base: Context = ROOT_CONTEXT): Context {
  const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent);
  if (!match) return base;
  return trace.setSpanContext(base, { traceId: match[1]!, spanId: match[2]!, traceFlags: parseInt(match[3]!, 16) & 1, isRemote: true });
}

/** The `traceparent` that continues a span (undefined for none or an invalid one). */
export function traceparentOfSpanContext(spanContext: SpanContext | undefined): string | undefined {
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return `00-${spanContext.traceId}-${spanContext.spanId}-0${spanContext.traceFlags & 1}`;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** @default the active context */
  parent?: Context;
}

/** Starts a span; the caller ends it (see `endSpan`). `TraceContext` is the way to start one elsewhere. */
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
