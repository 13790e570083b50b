import type { Context } from 'aws-lambda';
import type { MessageType } from '../contracts/index.js';
import { dependencyOutage } from '../errors/dependencyOutage.js';
import { getLogger } from '../observability/logger.js';
import { errorInfo } from './errorInfo.js';
import { isolateRecords } from './isolateRecords.js';
import { deadlineOf } from './middleware/invocationDeadline.js';
import type { BatchOutcome, DecodedRecord, ProcessBatch } from './types.js';

const nothingLeft = <T extends MessageType>(): BatchOutcome<T> => ({ failed: [], unprocessed: [] });

/**
 * The handler of a Kafka function, for `kafkaBatch` to report on: processes the batch together and,
 * when that fails for another reason than an outage, each record alone (in order within its
 * partition), to find the ones that fail by themselves.
 *
 * An outage fails the invocation, so the trigger retries the batch; the stores' conditional updates
 * make the repeat harmless. An outage or the deadline during the isolation pass stops it; what it did
 * not reach is `unprocessed`, for a partial batch response.
 *
 * @example
 * middy(processIsolating(async (records) => recordStatuses(deps, records.map((r) => r.message.payload)))).use(kafkaBatch(options));
 */
export function processIsolating<T extends MessageType>(process: ProcessBatch<T>) {
  return async function processBatchThenAlone(valid: DecodedRecord<T>[], context: Context): Promise<BatchOutcome<T>> {
    if (valid.length === 0) return nothingLeft();
    let batchError: unknown;
    try {
      await process(valid, context);
      return nothingLeft();
    } catch (error) {
      if (dependencyOutage(error) !== undefined) throw error;
      batchError = error;
    }
    const deadline = deadlineOf(context);
    // A batch of one has already failed alone.
    const outcome =
      valid.length === 1
        ? { failed: [{ item: valid[0]!, error: batchError }], unprocessed: [] }
        : await isolateRecords(valid, (item) => process([item], context), {
            stopsPass: (error) => dependencyOutage(error) !== undefined,
            outOfTime: () => deadline.outOfTime(),
          });
    getLogger().warn(
      { function: context.functionName, records: valid.length, failedAlone: outcome.failed.length, unprocessed: outcome.unprocessed.length, error: errorInfo(batchError) },
      'batch failed; its records were processed one at a time',
    );
    return outcome;
  };
}
