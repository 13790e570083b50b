import type { Context } from 'aws-lambda';
import type { MessageType } from '../contracts/index.js';
import type { KafkaBatchResponse } from './batchItemFailures.js';
import { ISOLATION_MARGIN_MS } from './constants.js';
import { kafkaBatch } from './middleware/kafkaBatch.js';
import { processIsolating } from './processIsolating.js';
import { syntorHandler } from './syntorHandler.js';
import type { DecodedRecord, KafkaBatchHandlerOptions } from './types.js';

/**
 * The shape of every Kafka-triggered handler: `observability`, `invocationDeadline` and `kafkaBatch`
 * around `processIsolating(options.process)`.
 *
 * One bad record never blocks the others. When `process` throws:
 * - an outage (`dependencyOutage`: database, cache or broker down) fails the invocation, so the
 *   trigger retries the batch; the stores' conditional updates make the repeat harmless;
 * - anything else is looked into: each record is processed again alone (in order within its
 *   partition), one that still fails is dead-lettered with reason `handler-error`, its error's code
 *   and message and its origin, and the rest go on. An outage or the deadline during that pass
 *   stops it, and the handler answers a partial batch response naming the records not yet
 *   processed, so the trigger commits what was done and redelivers from there.
 *
 * @example
 * export const handler = createKafkaBatchHandler({
 *   accepts: ['task.status'],
 *   producer: async () => (await getDeps()).producer,
 *   async process(records) { await recordStatuses(await getDeps(), records.map((r) => r.message.payload)); },
 * });
 */
export function createKafkaBatchHandler<T extends MessageType>(options: KafkaBatchHandlerOptions<T>) {
  const handler = syntorHandler<DecodedRecord<T>[], unknown>(processIsolating(options.process), { marginMs: ISOLATION_MARGIN_MS }).use(kafkaBatch(options));
  // The event is the MSK event and the answer a partial batch response: `kafkaBatch` turns one into the other.
  return handler as unknown as (event: unknown, context: Context) => Promise<KafkaBatchResponse | void>;
}
