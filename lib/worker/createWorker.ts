import type { Context } from 'aws-lambda';
import { createMessage, jsonBytes, LIMITS, type PayloadInput } from '../contracts/index.js';
import { createKafkaBatchHandler, observeHandler } from '../handlers/index.js';
import { chunkBySize } from '../kafka/messageSize.js';
import { mapWithLimit } from './mapWithLimit.js';
import { createPresence } from './presence.js';
import { runAssignment } from './runAssignment.js';
import { getWorkerDeps, INSTANCE_ID } from './deps.js';
import type { WorkerDefinition } from './types.js';

/** How long an assignment stays "seen" for duplicate detection. */
const SEEN_FOR_MS = 60 * 60_000;
/** What a `task.complete` adds around its payload: the envelope's fields and the record's headers. */
const ENVELOPE_BYTES = 2_048;

const outcomeBytes = (outcome: PayloadInput<'task.complete'>) => jsonBytes(outcome) + ENVELOPE_BYTES;

/**
 * The handlers of a worker agent: `execute` runs the tasks assigned to it (one MSK batch at a time,
 * up to its concurrency at once) and publishes their outcomes together; `heartbeat` keeps an idle
 * instance registered and alive.
 *
 * @example
 * // functions/worker-alpha/execute.ts
 * export const handler = createWorker(alpha).execute;
 */
export function createWorker(worker: WorkerDefinition) {
  const capabilities = new Map(worker.capabilities.map((c) => [c.name, c]));
  const presence = createPresence(worker, INSTANCE_ID, async () => (await getWorkerDeps()).producer);

  const execute = createKafkaBatchHandler({
    accepts: ['task.assign'],
    producer: async () => (await getWorkerDeps()).producer,
    async process(records, context: Context) {
      const { producer, guard } = await getWorkerDeps();
      await presence.announce();
      // The trigger filters on target; a stray assignment for another agent is not ours to run.
      const mine = records.filter((r) => r.message.payload.agent === worker.name);
      const keyed = mine.map((record) => ({ key: `assign:${record.message.payload.task.id}:${record.message.payload.attempt}`, record }));
      // A redelivered assignment already run (or running) changes nothing. Claims go out together.
      const fresh = await guard.claimMany(keyed.map(({ key }) => key), SEEN_FOR_MS);
      const claimed = keyed.filter((_, i) => fresh[i]);
      const outcomes = await mapWithLimit(claimed, worker.concurrency, async ({ record }) => {
        presence.started();
        try {
          // The record's span is active while its task runs: the capability's own calls nest under it.
          return await record.trace.with(() => runAssignment({
            assignment: record.message.payload,
            capabilities,
            instanceId: `${worker.name}-${INSTANCE_ID}`,
            context,
            producer,
            trace: record.trace,
            ...(record.message.correlationId ? { correlationId: record.message.correlationId } : {}),
          }));
        } finally {
          presence.finished();
        }
      });
      // Each outcome continues the trace of the assignment it answers.
      const traces = new Map(claimed.map(({ record }) => [record.message.payload.task.id, record.trace]));
      try {
        for (const chunk of chunkBySize(outcomes, outcomeBytes, LIMITS.brokerMessageBytes)) {
          await producer.publishAll(
            chunk.map((outcome: PayloadInput<'task.complete'>) => {
              const trace = traces.get(outcome.taskId);
              return {
                message: createMessage('task.complete', outcome, { source: worker.name }),
                options: { key: outcome.taskId, ...(trace ? { trace } : {}) },
              };
            }),
          );
        }
      } catch (error) {
        // Unreported outcomes must run again on the retried batch, so forget that they were seen.
        await guard.releaseMany(claimed.map(({ key }) => key)).catch(() => undefined);
        throw error;
      }
    },
  });

  return {
    execute,
    heartbeat: observeHandler(async (): Promise<void> => {
      await presence.announce(true);
    }),
  };
}
