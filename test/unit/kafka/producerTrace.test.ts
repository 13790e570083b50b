import type { Kafka, ProducerBatch } from 'kafkajs';
import { tracing } from '@opentelemetry/sdk-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProducer } from '../../../lib/kafka/producer.js';
import { startTracing, type Tracing } from '../../../lib/observability/startTracing.js';
import { TraceContext } from '../../../lib/observability/traceContext.js';
import { buildHeartbeat } from '../../fixtures/messages.js';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** A Kafka whose producer keeps the batches it is asked to send. */
function recordingKafka() {
  const batches: ProducerBatch[] = [];
  const producer = {
    events: { DISCONNECT: 'producer.disconnect' },
    on: () => () => undefined,
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: async (batch: ProducerBatch) => {
      batches.push(batch);
      return [];
    },
  };
  const kafka = { producer: () => producer } as unknown as Kafka;
  const headers = () => batches.flatMap((b) => b.topicMessages!.flatMap((t) => t.messages.map((m) => m.headers!)));
  return { kafka, traceparents: () => headers().map((h) => String(h.traceparent)) };
}

const exporter = new tracing.InMemorySpanExporter();
let sdk: Tracing;
beforeAll(() => {
  sdk = startTracing({ serviceName: 'syntor-producer-trace-test', exporter, instrument: false });
});
afterAll(() => sdk.shutdown());
beforeEach(() => exporter.reset());

describe('a produced record', () => {
  it('carries the traceparent of the span it was sent in', async () => {
    // Prepare
    const { kafka, traceparents } = recordingKafka();
    const producer = createProducer(kafka);
    const record = TraceContext.fromTraceparent(INCOMING).child('process syntor.tasks.assignment');

    // Act
    await record.span('run', {}, (run) => producer.publish(buildHeartbeat(), { key: 'worker', trace: run }));
    const [inRun] = traceparents();
    await producer.publish(buildHeartbeat(), { trace: record });
    record.end();

    // Assess
    const spans = exporter.getFinishedSpans();
    const run = spans.find((s) => s.name === 'run')!;
    expect(inRun).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${run.spanContext().spanId}-01`);
    expect(traceparents()[1]).toBe(record.traceparent());
  });

  it('without a trace given, carries the active one', async () => {
    // Prepare
    const { kafka, traceparents } = recordingKafka();
    const producer = createProducer(kafka);

    // Act
    const active = await TraceContext.fromTraceparent(INCOMING).span('handler', {}, async (invocation) => {
      await producer.publish(buildHeartbeat());
      return invocation.traceparent();
    });

    // Assess
    expect(traceparents()).toEqual([active]);
  });

  it('without any trace, starts a new root', async () => {
    // Prepare
    const { kafka, traceparents } = recordingKafka();

    // Act
    await createProducer(kafka).publish(buildHeartbeat());

    // Assess
    expect(traceparents()[0]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('is sent in one `send` span, a child of the caller\'s context, not of the record\'s', async () => {
    // Prepare
    const { kafka } = recordingKafka();
    const producer = createProducer(kafka);
    const record = TraceContext.fromTraceparent(INCOMING).child('process syntor.tasks.assignment');

    // Act
    await TraceContext.ROOT.span('handler', {}, () => producer.publishAll([{ message: buildHeartbeat(), options: { trace: record } }]));
    record.end();

    // Assess
    const spans = exporter.getFinishedSpans();
    const send = spans.find((s) => s.name.startsWith('send '))!;
    const handler = spans.find((s) => s.name === 'handler')!;
    expect(send.parentSpanContext?.spanId).toBe(handler.spanContext().spanId);
    expect(send.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.batch.message_count': 1 });
  });
});
