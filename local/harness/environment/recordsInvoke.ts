import type { KafkaEventSource, KafkaRecord } from '../../../lib/kafka/msk/types.js';
import type { Invocation } from '../invoker.js';

/** Invokes with the event of these Kafka records (buildMskEvent's), built where the handler runs. */
export type RecordsInvoke = (records: readonly KafkaRecord[], source?: KafkaEventSource) => Promise<Invocation>;

/**
 * Where an environment pool's `invoke` keeps its {@link RecordsInvoke}: a Kafka poller holding a
 * pool's invoke hands it records rather than an event, and one holding any other invoke (in-process,
 * a test's) builds the event itself.
 */
export const INVOKE_RECORDS = Symbol('syntor.invokeRecords');

export interface RecordsInvokable {
  readonly [INVOKE_RECORDS]: RecordsInvoke;
}

/** The invoke's own {@link RecordsInvoke}, if it has one. */
export function recordsInvokeOf(invoke: object): RecordsInvoke | undefined {
  return (invoke as Partial<RecordsInvokable>)[INVOKE_RECORDS];
}
