import { TASK_MAX_RETRIES, TASK_TIMEOUT_MS } from './constants.js';

export interface ChaosTask {
  readonly designedToFail: boolean;
  readonly body: Record<string, unknown>;
}

/**
 * The `index`-th task of a run: a small `compute` task, or, for every 1/`failingShare`-th one, a
 * `compute` task with invalid input (a negative n), which the worker rejects as final: it must end
 * `dead`, never retried into `completed`.
 *
 * @example
 * chaosTask('run-1', 19, 0.05).designedToFail; // true: the 20th of every 20
 */
export function chaosTask(runId: string, index: number, failingShare: number): ChaosTask {
  const every = failingShare > 0 ? Math.max(1, Math.round(1 / failingShare)) : 0;
  const designedToFail = every > 0 && index % every === every - 1;
  const payload = designedToFail ? { op: 'fibonacci', n: -1 } : index % 2 === 0 ? { op: 'fibonacci', n: 30 + (index % 50) } : { op: 'sum', values: [index, 1, 2, 3] };
  return {
    designedToFail,
    body: {
      type: 'compute',
      requiredCapabilities: ['compute'],
      payload,
      timeoutMs: TASK_TIMEOUT_MS,
      maxRetries: designedToFail ? 0 : TASK_MAX_RETRIES,
      idempotencyKey: `${runId}-${index}`,
    },
  };
}
