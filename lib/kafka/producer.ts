import { Partitioners, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import type { Message } from '../contracts/index.js';
import { TraceContext } from '../observability/traceContext.js';
import { SpanKind } from '../observability/tracing.js';
import { dependencyOutage, markDependency } from '../errors/dependencyOutage.js';
import { currentScope } from '../manifest/invocationScope.js';
import { currentEnvelopeAuth } from './auth/envelopeAuth.js';
import { signRecord, SIGNATURE_HEADER, type EnvelopeSigner } from './auth/envelopeSignature.js';
import { encodeRecord } from './encodeRecord.js';
import { KafkaTopicNotAllowedError } from './errors.js';
import { isTraceparent } from './traceparent.js';

export { HEADERS } from './encodeRecord.js';

export interface PublishOptions {
  /** Per-entity ordering: the task id or agent name. */
  key?: string | null;
  /**
   * The trace context the message continues (the `traceparent` header is derived from it); when absent,
   * the active one, and without a span in either, a new root trace.
   */
  trace?: TraceContext;
  /** A stored `traceparent` to continue instead (a string kept at a storage edge); `trace` wins. */
  traceparent?: string;
  headers?: Record<string, string>;
}

export interface SyntorProducer {
  /** Validates `message` and sends it to the topic its type belongs to. */
  publish(message: Message, options?: PublishOptions): Promise<RecordMetadata[]>;
  /** Sends several messages in one request per topic. */
  publishAll(messages: readonly { message: Message; options?: PublishOptions }[]): Promise<RecordMetadata[]>;
  /** Sends raw bytes (dead-letter copies, tests): no validation. */
  sendRaw(topic: string, records: { key?: string | Buffer | null; value: string | Buffer | null; headers?: Record<string, string | Buffer> }[]): Promise<RecordMetadata[]>;
  disconnect(): Promise<void>;
}

function toRecord(message: Message, options: PublishOptions, active: TraceContext) {
  const { trace, traceparent: stored, ...rest } = options;
  // Each message continues its own trace (a batch often carries many tasks'); without one, the active
  // span's, and without a tracing SDK or a parent, a new root trace.
  const traceparent = trace?.traceparent() ?? (stored !== undefined && isTraceparent(stored) ? stored : undefined) ?? active.traceparent();
  const { topic, ...record } = encodeRecord(message, { ...rest, ...(traceparent ? { traceparent } : {}) });
  return { topic, record };
}

/** Refuses a send outside the running function's `produces`; outside any function, nothing is refused. */
function assertMayWrite(topics: Iterable<string>): void {
  const scope = currentScope();
  if (!scope) return;
  for (const topic of topics) {
    if (!scope.produces.includes(topic)) throw new KafkaTopicNotAllowedError(scope.functionId, topic, scope.produces);
  }
}

/** The record with its signature header as `signer` (replacing any it had: a redrive re-signs), or as it was. */
function signed<R extends { key?: string | Buffer | null; value: string | Buffer | null; headers?: Record<string, string | Buffer> }>(topic: string, record: R, signer: EnvelopeSigner | undefined): R {
  if (!signer) return record;
  return { ...record, headers: { ...record.headers, [SIGNATURE_HEADER]: signRecord(signer, { topic, key: record.key ?? null, value: record.value }) } };
}

/**
 * An idempotent producer (`acks: -1`, one request in flight, so retries neither duplicate nor reorder),
 * connected on first use and reused across invocations.
 *
 * A broker outage fails the send (kafkajs retries it first, for some seconds) with an error
 * `dependencyOutage` calls 'kafka'; the next send starts over on a new kafkajs producer, because one
 * whose connections broke mid-request can stay unusable (idempotent sequence numbers, a dropped
 * coordinator) after the broker is back. A failed connect is likewise retried on the next use.
 *
 * Inside a function (a harness invocation or a Lambda with `SYNTOR_PRODUCES`), a send to a topic
 * outside its manifest's `produces` is refused with `KafkaTopicNotAllowedError` before it is sent.
 * Every record is signed as the function's agent when it has an envelope key (see `currentEnvelopeAuth`).
 *
 * @example
 * const producer = createProducer(createKafka(config));
 * await producer.publish(createMessage('agent.heartbeat', payload, { source: 'worker' }), { key: 'worker' });
 */
export function createProducer(kafka: Kafka): SyntorProducer {
  let session: ProducerSession | undefined;

  function current(): ProducerSession {
    if (session) return session;
    const fresh = openSession(kafka, () => {
      if (session === fresh) session = undefined;
    });
    session = fresh;
    return fresh;
  }

  /** Runs `send` on a connected producer; a failure that means the connection is gone retires it. */
  async function withProducer<T>(send: (producer: Producer) => Promise<T>): Promise<T> {
    const used = current();
    try {
      await used.connected;
      return await send(used.producer);
    } catch (error) {
      if (dependencyOutage(error) !== undefined) used.retire();
      throw markDependency(error, 'kafka');
    }
  }

  async function publishAll(messages: readonly { message: Message; options?: PublishOptions }[]) {
    const active = TraceContext.active();
    const byTopic = new Map<string, ReturnType<typeof toRecord>['record'][]>();
    for (const { message, options } of messages) {
      const { topic, record } = toRecord(message, options ?? {}, active);
      const records = byTopic.get(topic);
      if (records) records.push(record);
      else byTopic.set(topic, [record]);
    }
    assertMayWrite(byTopic.keys());
    const signer = await currentEnvelopeAuth().signer();
    // One span per request to the broker, in the caller's trace: what the send cost, not whose it was.
    const sending = { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.batch.message_count': messages.length } };
    return active.span(`send ${[...byTopic.keys()].join(' ')}`, sending, () =>
      withProducer((producer) =>
        producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, records]) => ({ topic, messages: records.map((r) => signed(topic, r, signer)) })),
        }),
      ),
    );
  }

  return {
    publish: (message, options) => publishAll([{ message, ...(options ? { options } : {}) }]),
    publishAll,
    async sendRaw(topic, records) {
      assertMayWrite([topic]);
      const signer = await currentEnvelopeAuth().signer();
      return withProducer((producer) =>
        producer.send({ topic, acks: -1, messages: records.map((r) => signed(topic, { key: r.key ?? null, value: r.value, headers: r.headers ?? {} }, signer)) }),
      );
    },
    async disconnect() {
      const closing = session;
      session = undefined;
      await closing?.close();
    },
  };
}

interface ProducerSession {
  readonly producer: Producer;
  /** Rejects (marked 'kafka') when the first connect fails; the session is retired then. */
  readonly connected: Promise<void>;
  /** Stops handing this producer out and disconnects it in the background. */
  retire(): void;
  close(): Promise<void>;
}

function openSession(kafka: Kafka, onRetired: () => void): ProducerSession {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // The Java client's murmur2 partitioner: the same key lands on the same partition whichever client wrote it.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let retired = false;
  const retire = () => {
    if (retired) return;
    retired = true;
    onRetired();
    void producer.disconnect().catch(() => undefined);
  };
  // kafkajs reports a dropped connection only as this instrumentation event, never as an 'error'.
  producer.on(producer.events.DISCONNECT, retire);
  const connected = producer.connect().catch((error: unknown) => {
    retire();
    throw markDependency(error, 'kafka');
  });
  // Nobody may be waiting on it yet; the rejection is seen by whoever sends.
  connected.catch(() => undefined);
  return {
    producer,
    connected,
    retire,
    async close() {
      retired = true;
      await connected.catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    },
  };
}
