import type { Context } from 'aws-lambda';
import { tracing } from '@opentelemetry/sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../../lib/contracts/index.js';
import { createKafkaBatchHandler, type DecodedRecord } from '../../../lib/handlers/index.js';
import { buildMskEvent, type SyntorProducer } from '../../../lib/kafka/index.js';
import { startTracing, type Tracing } from '../../../lib/observability/startTracing.js';
import { buildKafkaRecord } from '../../fixtures/kafkaRecords.js';
import { buildHeartbeat } from '../../fixtures/messages.js';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const producer: SyntorProducer = { publish: async () => [], publishAll: async () => [], sendRaw: async () => [], disconnect: async () => undefined };
const context = { functionName: 'coordination-registry', getRemainingTimeInMillis: () => 60_000 } as Context;

const exporter = new tracing.InMemorySpanExporter();
let sdk: Tracing;
beforeAll(() => {
  sdk = startTracing({ serviceName: 'syntor-record-trace-test', exporter, instrument: false });
});
afterAll(() => sdk.shutdown());

describe('a Kafka record handed to a handler', () => {
  it('comes with one trace context: its process span, continuing its own traceparent or starting a root', async () => {
    // Prepare
    const records = [
      buildKafkaRecord({ topic: TOPICS.agentHeartbeat, offset: '0', json: buildHeartbeat({ agent: 'traced' }), headers: [{ key: 'traceparent', value: Buffer.from(INCOMING) }] }),
      buildKafkaRecord({ topic: TOPICS.agentHeartbeat, offset: '1', json: buildHeartbeat({ agent: 'untraced' }) }),
    ];
    const seen: DecodedRecord<'agent.heartbeat'>[] = [];
    const handler = createKafkaBatchHandler({ accepts: ['agent.heartbeat'], producer: () => producer, process: async (batch) => void seen.push(...batch) });

    // Act
    await handler(buildMskEvent(records), context);

    // Assess
    const spans = exporter.getFinishedSpans().filter((s) => s.name === `process ${TOPICS.agentHeartbeat}`);
    const [traced, untraced] = seen;
    const tracedSpan = spans.find((s) => s.spanContext().spanId === traced!.trace.spanContext()?.spanId)!;
    const untracedSpan = spans.find((s) => s.spanContext().spanId === untraced!.trace.spanContext()?.spanId)!;
    expect(tracedSpan.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(traced!.trace.traceId()).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traced!.traceparent).toBe(traced!.trace.traceparent());
    expect(untracedSpan.parentSpanContext).toBeUndefined();
    expect(untraced!.trace.traceId()).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    // The invocation is linked, not the parent: each record keeps its own trace.
    expect(tracedSpan.links.map((l) => l.context.spanId)).toHaveLength(1);
  });
});
