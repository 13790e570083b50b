import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { buildMskEvent } from '../../../lib/kafka/msk/encode.js';
import { publishedRegistries } from '../../../lib/observability/publishedRegistries.js';
import { createLambdaContext } from '../lambdaContext.js';
import { loadHandler, type Handler } from '../loadHandler.js';
import { serializeError } from './serializeError.js';
import { unpackRecords } from './packRecords.js';
import type { EnvironmentInit, FromEnvironment, InvocationPayload, ToEnvironment } from './types.js';

/**
 * The inside of one execution environment (a worker thread): imports the handler once — its init
 * phase — then runs one invocation at a time as Lambda's runtime does, with results as JSON and
 * events as JSON or, from a Kafka poller, as packed records whose event is built here. A throw from the handler fails the invocation; anything that kills the thread (an uncaught
 * exception, running out of heap) is seen by the pool, which discards the environment.
 */
const init = workerData as EnvironmentInit;
const port = parentPort!;
const post = (message: FromEnvironment) => port.postMessage(message);

let maxHeapMb = 0;
function sampleHeap(): number {
  maxHeapMb = Math.max(maxHeapMb, Math.ceil(getHeapStatistics().used_heap_size / 1024 / 1024));
  return maxHeapMb;
}

/** The event as the handler gets it: parsed from its JSON, or built from the packed Kafka records. */
function eventOf(payload: InvocationPayload): unknown {
  return 'event' in payload ? (JSON.parse(payload.event) as unknown) : buildMskEvent(unpackRecords(payload.records), payload.source);
}

async function invoke(handler: Handler, message: Extract<ToEnvironment, { type: 'invoke' }>): Promise<void> {
  const context = createLambdaContext({ functionName: init.functionId, memoryMb: init.memoryMb, deadline: message.deadline, awsRequestId: message.requestId });
  let result: unknown;
  try {
    result = await handler(eventOf(message), context);
  } catch (error) {
    post({ type: 'error', id: message.id, error: serializeError(error), maxHeapMb: sampleHeap() });
    return;
  }
  let text: string | undefined;
  try {
    text = result === undefined ? undefined : JSON.stringify(result);
  } catch (error) {
    post({ type: 'error', id: message.id, error: { name: 'HandlerResultNotJson', message: (error as Error).message, code: 'handler-result-not-json', retriable: false }, maxHeapMb: sampleHeap() });
    return;
  }
  post({ type: 'result', id: message.id, result: text, maxHeapMb: sampleHeap() });
}

async function main(): Promise<void> {
  const started = performance.now();
  let handler: Handler;
  try {
    handler = await loadHandler(init.functionId, init);
  } catch (error) {
    // No listener is left behind, so the thread ends once the pool has the reason.
    post({ type: 'init-failed', error: serializeError(error) });
    return;
  }
  port.on('message', (message: ToEnvironment) => {
    if (message.type === 'invoke') void invoke(handler, message);
    else void collectMetrics().then((metrics) => post({ type: 'metrics', id: message.id, metrics }));
  });
  post({ type: 'ready', initMs: performance.now() - started });
}

async function collectMetrics(): Promise<unknown[]> {
  const lists = await Promise.all(publishedRegistries().map((registry) => registry.getMetricsAsJSON()));
  return lists.flat();
}

await main();
