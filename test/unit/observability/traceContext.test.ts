import { tracing } from '@opentelemetry/sdk-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../../lib/observability/startTracing.js';
import { TraceContext } from '../../../lib/observability/traceContext.js';
import { SpanKind } from '../../../lib/observability/tracing.js';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const exporter = new tracing.InMemorySpanExporter();
let sdk: Tracing;
beforeAll(() => {
  sdk = startTracing({ serviceName: 'syntor-trace-context-test', exporter, instrument: false });
});
afterAll(() => sdk.shutdown());
beforeEach(() => exporter.reset());

const finished = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name)!;

describe('a record with a traceparent', () => {
  it('yields child spans of the incoming traceparent', async () => {
    // Prepare
    const record = TraceContext.fromTraceparent(INCOMING).child('process syntor.tasks.assignment', { kind: SpanKind.CONSUMER });

    // Act
    await record.span('dispatch', { attributes: { 'syntor.task.id': 't-1' } }, async () => undefined);
    record.end();

    // Assess
    const process = finished('process syntor.tasks.assignment');
    const dispatch = finished('dispatch');
    expect(process.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(process.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(dispatch.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(dispatch.attributes).toMatchObject({ 'syntor.task.id': 't-1' });
    expect(record.traceparent()).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${process.spanContext().spanId}-01`);
    expect(record.traceId()).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('is the active context inside its span, so what runs there continues it', async () => {
    // Prepare
    const record = TraceContext.fromTraceparent(INCOMING);

    // Act
    const inner = await record.span('otlp-probe', {}, async (child) => ({ active: TraceContext.active().traceparent(), child: child.traceparent() }));

    // Assess
    expect(inner.active).toBe(inner.child);
    expect(inner.active).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(TraceContext.active().traceparent()).toBeUndefined();
  });
});

describe('a record without a traceparent', () => {
  it.each([
    ['none', undefined],
    ['a malformed one', '00-abc'],
  ])('with %s starts a root trace', (_what, header) => {
    // Act
    const record = TraceContext.fromTraceparent(header).child('process syntor.tasks.status');
    record.end();

    // Assess
    const process = finished('process syntor.tasks.status');
    expect(process.parentSpanContext).toBeUndefined();
    expect(record.traceId()).toBe(process.spanContext().traceId);
    expect(record.traceId()).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});

describe('a span that fails', () => {
  it.each([
    ['throws', () => { throw new Error('boom'); }],
    ['rejects', () => Promise.reject(new Error('boom'))],
  ])('is ended as failed when its work %s, and the error goes on', async (_how, work) => {
    // Act
    const run = async () => TraceContext.ROOT.span('send syntor.tasks.status', { kind: SpanKind.PRODUCER }, work);

    // Assess
    await expect(run()).rejects.toThrow('boom');
    const send = finished('send syntor.tasks.status');
    expect(send.status).toMatchObject({ code: 2, message: 'boom' });
    expect(send.events.map((e) => e.name)).toContain('exception');
  });
});
