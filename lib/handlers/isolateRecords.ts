import type { KafkaRecord } from '../kafka/index.js';

export interface Isolated<R> {
  /** Records that failed alone, with their errors: they go to the dead-letter path. */
  failed: { item: R; error: unknown }[];
  /** Records not processed because the pass stopped: the trigger redelivers them. */
  unprocessed: R[];
}

export interface IsolateOptions {
  /** True for an error that says a dependency is down: the pass stops, the record stays unprocessed. */
  stopsPass(error: unknown): boolean;
  /** Checked before each record (e.g. little time left in the invocation): true stops the pass. */
  outOfTime(): boolean;
}

function byPartition<R extends { record: KafkaRecord }>(items: readonly R[]): R[][] {
  const groups = new Map<string, R[]>();
  for (const item of items) {
    const key = `${item.record.topic}-${item.record.partition}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/**
 * Processes each record alone, to find the ones that fail by themselves. Within a partition records
 * go one after another in offset order (a later record may depend on an earlier one: a task's
 * completion after its status); partitions go side by side. When the pass stops, every partition
 * stops at the record it was about to start, so what was processed is a prefix of each partition.
 */
export async function isolateRecords<R extends { record: KafkaRecord }>(
  items: readonly R[],
  processOne: (item: R) => Promise<void>,
  options: IsolateOptions,
): Promise<Isolated<R>> {
  const failed: Isolated<R>['failed'] = [];
  const unprocessed: R[] = [];
  let stopped = false;
  await Promise.all(
    byPartition(items).map(async (partition) => {
      for (const [index, item] of partition.entries()) {
        if (stopped || options.outOfTime()) {
          stopped = true;
          unprocessed.push(...partition.slice(index));
          return;
        }
        try {
          await processOne(item);
        } catch (error) {
          if (options.stopsPass(error)) {
            stopped = true;
            unprocessed.push(...partition.slice(index));
            return;
          }
          failed.push({ item, error });
        }
      }
    }),
  );
  return { failed, unprocessed };
}
