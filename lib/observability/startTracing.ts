import { register } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

export interface TracingOptions {
  serviceName: string;
  /**
   * Where spans go. `otlp` sends them over OTLP/HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT` (default
   * http://localhost:4318, Jaeger in docker compose); `discard` drops them after batching (the
   * benchmark); tests pass an in-memory exporter.
   */
  exporter: 'otlp' | 'discard' | tracing.SpanExporter;
  /** Called with the number of spans in each exported batch. */
  onExport?: (spans: number) => void;
  /** Patch pg, ioredis and http so their calls become child spans. @default true */
  instrument?: boolean;
}

export interface Tracing {
  /** Exports what is buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered and unregisters the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for this process (the harness, the benchmarks, tests). Handlers never
 * call this: on Lambda the ADOT layer registers the SDK, and SYNTOR's spans go through the global API.
 *
 * Kafka is not auto-instrumented: the kafkajs instrumentation rewrites every message's `traceparent`
 * under the active context, while one batch carries many tasks' messages. The SYNTOR producer keeps
 * each message's own context and starts one `send` span per broker request (lib/kafka/producer.ts).
 */
export function startTracing(options: TracingOptions): Tracing {
  // ESM imports of CommonJS packages (ioredis) are only patched through this loader hook; modules
  // imported before this call are not patched at all, so callers start tracing first.
  if (options.instrument !== false) register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const exporter = options.exporter === 'otlp' ? new OTLPTraceExporter() : options.exporter === 'discard' ? discardingExporter(options.onExport) : options.exporter;
  // Batching keeps export off the hot path; an in-memory exporter in tests wants spans at once.
  const processor = typeof options.exporter === 'string' ? new tracing.BatchSpanProcessor(exporter) : new tracing.SimpleSpanProcessor(exporter);
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: [processor],
    instrumentations: options.instrument === false ? [] : [new HttpInstrumentation(), new PgInstrumentation(), new IORedisInstrumentation()],
    // Only traces: metrics have their own path (prom-client, EMF) and logs go through pino.
    metricReaders: [],
    logRecordProcessors: [],
    autoDetectResources: false,
  });
  sdk.start();
  return {
    flush: () => processor.forceFlush(),
    async shutdown() {
      await sdk.shutdown();
      // The SDK leaves its globals registered; a later start in the same process (tests) needs them gone.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function discardingExporter(onExport?: (spans: number) => void): tracing.SpanExporter {
  return {
    export(spans, done) {
      onExport?.(spans.length);
      done({ code: 0 });
    },
    shutdown: async () => undefined,
  };
}
