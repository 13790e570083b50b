import type { Logger } from 'pino';

/** What every line about a task carries. */
export interface TaskLogFields {
  taskId: string;
  correlationId?: string | undefined;
  agent: string;
  attempt: number;
  /** The trace id of the W3C `traceparent` the task's message came with (see `traceIdOf`). */
  traceId?: string | undefined;
}

/**
 * A child logger whose every line names the task, its attempt and agent, and (when known) its
 * correlation and trace ids.
 *
 * @example
 * const log = taskLogger(getLogger(), { taskId, agent: 'worker-alpha', attempt: 2, traceId: traceIdOf(traceparent) });
 * log.info({ durationMs: 12 }, 'task completed');
 */
export function taskLogger(base: Logger, fields: TaskLogFields): Logger {
  const { taskId, correlationId, agent, attempt, traceId } = fields;
  return base.child({
    taskId,
    ...(correlationId === undefined ? {} : { correlationId }),
    agent,
    attempt,
    ...(traceId === undefined ? {} : { traceId }),
  });
}
