import { context, ROOT_CONTEXT, trace, type AttributeValue, type Context, type Span, type SpanContext } from '@opentelemetry/api';
import { contextFromTraceparent, endSpan, startSpan, traceparentOfSpanContext, type SpanOptions } from './tracing.js';

/** What a child span is started with: its parent is the `TraceContext` it is started from. */
export type ChildSpanOptions = Omit<SpanOptions, 'parent'>;

/**
 * The trace context of one unit of work (a Kafka record, an HTTP request, a stored task), created once
 * where the work comes in, from its `traceparent` or as a new root, and handed on as this object: the
 * spans of the work are its children, and the `traceparent` of what it sends is derived from it.
 *
 * @example
 * const trace = TraceContext.fromTraceparent(headerValue(record, 'traceparent'));
 * const record = trace.child('process syntor.tasks.assignment', { kind: SpanKind.CONSUMER });
 * await record.span('dispatch', { attributes: { 'syntor.task.id': id } }, () => work());
 * record.traceparent(); // '00-<trace id>-<the process span's id>-01'
 * record.end();
 */
export class TraceContext {
  /** The context without a span: a span started from it begins a new trace. */
  static readonly ROOT = new TraceContext(ROOT_CONTEXT);

  /** The context a `traceparent` continues (a root, or `base`, when there is none or it is malformed). */
  static fromTraceparent(traceparent: string | undefined, base: TraceContext = TraceContext.ROOT): TraceContext {
    const continued = contextFromTraceparent(traceparent, base.context);
    return continued === base.context ? base : new TraceContext(continued);
  }

  /** The active context (the root one unless an SDK with a context manager runs, or `with` is running). */
  static active(): TraceContext {
    return new TraceContext(context.active());
  }

  private constructor(
    /** The OpenTelemetry context, for APIs that take one. */
    readonly context: Context,
    private readonly own?: Span,
  ) {}

  /** The `traceparent` that continues this context's span (undefined when it has none). */
  traceparent(): string | undefined {
    return traceparentOfSpanContext(trace.getSpanContext(this.context));
  }

  /** The 32-hex trace id log lines carry (undefined when there is no span). */
  traceId(): string | undefined {
    const spanContext = trace.getSpanContext(this.context);
    return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
  }

  /** The ids of this context's span, for a link to it (undefined when it has none). */
  spanContext(): SpanContext | undefined {
    return trace.getSpan(this.context)?.spanContext();
  }

  /** Starts a child span of this context, for work that outlives one callback; `end` it. */
  child(name: string, options: ChildSpanOptions = {}): TraceContext {
    const span = startSpan(name, { ...options, parent: this.context });
    return new TraceContext(trace.setSpan(this.context, span), span);
  }

  /** Sets an attribute on the span this context started (nothing when it started none). */
  setAttribute(key: string, value: AttributeValue): this {
    this.own?.setAttribute(key, value);
    return this;
  }

  /** Ends the span this context started, marked failed with `error` when there is one. */
  end(error?: unknown): void {
    if (this.own) endSpan(this.own, error);
  }

  /** Runs `work` with this context active: the client spans of pg, ioredis and http nest under it. */
  with<T>(work: () => T): T {
    return context.with(this.context, work);
  }

  /**
   * Runs `work` in a child span made active, ending it when `work` returns or settles (failed when it
   * throws or rejects).
   *
   * @example
   * await TraceContext.active().span('send syntor.tasks.status', { kind: SpanKind.PRODUCER }, () => send());
   */
  span<T>(name: string, options: ChildSpanOptions, work: (child: TraceContext) => T): T {
    const child = this.child(name, options);
    let result: T;
    try {
      result = child.with(() => work(child));
    } catch (error) {
      child.end(error);
      throw error;
    }
    if (!isPromiseLike(result)) {
      child.end();
      return result;
    }
    return result.then(
      (value) => {
        child.end();
        return value;
      },
      (error: unknown) => {
        child.end(error);
        throw error;
      },
    ) as T;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
