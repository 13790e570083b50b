import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import type { KafkaRecord } from '../../lib/kafka/index.js';

/**
 * One side of `npm run bench -- observability`, in a process of its own (an SDK cannot be
 * unregistered cleanly from one that patched modules): invokes the bench worker's `execute` handler
 * with MSK events of `SYNTOR_BENCH_BATCH` assignments, `SYNTOR_BENCH_INVOCATIONS` times, and writes
 * records/s to `SYNTOR_BENCH_RESULT`. With `SYNTOR_BENCH_OBSERVE=on` the OpenTelemetry SDK runs (pg,
 * ioredis and http instrumented, every span exported to a sink) and the process plays Lambda: the
 * handler records its platform metrics and writes EMF at the end of every invocation.
 */
const observe = process.env.SYNTOR_BENCH_OBSERVE === 'on';
const batch = Number(process.env.SYNTOR_BENCH_BATCH ?? 100);
const invocations = Number(process.env.SYNTOR_BENCH_INVOCATIONS ?? 500);
const resultPath = process.env.SYNTOR_BENCH_RESULT!;
const sink = process.env.SYNTOR_BENCH_TOPIC!;

// The worker's completions go to a topic of this benchmark's own: otherwise the next coordinator to
// start would first work through hundreds of thousands of completions of tasks that never existed.
const { Kafka } = await import('kafkajs');
const makeProducer = Kafka.prototype.producer;
Kafka.prototype.producer = function producer(this: InstanceType<typeof Kafka>, ...args: Parameters<typeof makeProducer>) {
  const made = makeProducer.apply(this, args);
  const sendBatch = made.sendBatch.bind(made);
  made.sendBatch = (batch) => sendBatch({ ...batch, topicMessages: batch.topicMessages?.map((t) => ({ ...t, topic: sink })) });
  return made;
};

let exported = 0;
let emfBytes = 0;
let tracing: { shutdown(): Promise<void>; flush(): Promise<void> } | undefined;
if (observe) {
  const { startTracing } = await import('../../lib/observability/startTracing.js');
  // Spans are serialised nowhere: what is measured is making and batching them, not a collector.
  tracing = startTracing({
    serviceName: 'syntor-bench',
    exporter: 'discard',
    onExport: (count) => void (exported += count),
  });
  process.env.AWS_LAMBDA_FUNCTION_NAME = 'syntor-bench-worker-bench-execute';
  process.env.SYNTOR_AGENT = 'worker-bench';
  process.env.SYNTOR_FUNCTION = 'worker-bench-execute';
  // EMF lines go to stdout on Lambda; here they are counted and dropped.
  process.stdout.write = ((chunk: string | Uint8Array) => {
    emfBytes += chunk.length;
    return true;
  }) as typeof process.stdout.write;
}

// Everything that loads pg, ioredis or http comes after the SDK, which patches them as they load.
const { execute } = await import('./benchWorker.js');
const { createMessage, TOPICS } = await import('../../lib/contracts/index.js');
const { buildMskEvent, newTraceparent } = await import('../../lib/kafka/index.js');

function assignments(n: number, offset: number): KafkaRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const task = { id: randomUUID(), type: 'noop', priority: 5 as const, requiredCapabilities: ['noop'], payload: { sentAt: Date.now() }, timeoutMs: 30_000, maxRetries: 0 };
    const message = createMessage('task.assign', { task, attempt: 1, agent: 'worker-bench', leaseExpiresAt: new Date(Date.now() + 60_000).toISOString() }, { source: 'coordination', target: 'worker-bench' });
    return {
      topic: TOPICS.taskAssignment,
      partition: i % 3,
      offset: String(offset + i),
      timestamp: Date.now(),
      timestampType: 'CREATE_TIME',
      key: Buffer.from(task.id),
      value: Buffer.from(JSON.stringify(message)),
      headers: [{ key: 'traceparent', value: Buffer.from(newTraceparent()) }],
    };
  });
}

function context(): Context {
  const deadline = Date.now() + 60_000;
  return { functionName: 'worker-bench-execute', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() } as unknown as Context;
}

// Events are built before the clock starts: the handler is what is timed.
const warmup = 50;
const events = Array.from({ length: warmup + invocations }, (_, i) => buildMskEvent(assignments(batch, i * batch)));
for (const event of events.slice(0, warmup)) await execute(event, context());
const started = performance.now();
for (const event of events.slice(warmup)) await execute(event, context());
const seconds = (performance.now() - started) / 1000;
await tracing?.flush();

writeFileSync(resultPath, JSON.stringify({ records: batch * invocations, seconds, perSecond: (batch * invocations) / seconds, spansExported: exported, emfBytes }));
await tracing?.shutdown();
const { getWorkerDeps } = await import('../../lib/worker/deps.js');
await (await getWorkerDeps()).producer.disconnect();
// The worker's Redis client lives for the process, as on Lambda.
process.exit(0);
