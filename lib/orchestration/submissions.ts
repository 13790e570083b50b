import { fieldErrorsOf, payloadProblems, submissionProblems, taskSubmissionSchema, type FieldError, type ParsedTaskSubmission } from '../contracts/index.js';
import { newTraceparent } from '../kafka/traceparent.js';
import { dependencyOutage } from '../errors/dependencyOutage.js';
import { taskMetrics } from '../observability/metrics.js';
import { TraceContext } from '../observability/traceContext.js';
import type { StoredTask, TracedSubmission } from '../store/index.js';
import { dispatchPending, type DispatchDeps } from './dispatcher.js';
import type { TaskRepository } from './ports.js';

export type { FieldError };

export type SubmissionCheck = { ok: true; submission: ParsedTaskSubmission } | { ok: false; errors: FieldError[] };

// Built once: zod compiles a schema on first use, and .strict() makes a new schema each call.
const strictSubmissionSchema = taskSubmissionSchema.strict();

/**
 * Validates a submission and names each invalid field (`requiredCapabilities.1`, `priority`…). A
 * payload over `LIMITS.payloadBytes` serialized is refused too, naming its size and the limit: it
 * would travel in every assignment of the task.
 */
export function checkSubmission(input: unknown): SubmissionCheck {
  const parsed = strictSubmissionSchema.safeParse(input);
  if (parsed.success) {
    const errors = submissionProblems(parsed.data);
    return errors.length === 0 ? { ok: true, submission: parsed.data } : { ok: false, errors };
  }
  // Every problem at once: the payload's are named even when another field is wrong.
  return { ok: false, errors: [...fieldErrorsOf(parsed.error), ...payloadProblems((input as { payload?: unknown } | null | undefined)?.payload)] };
}

/**
 * Persists valid submissions as pending (an idempotency key returns the existing task) and dispatches.
 * Each task keeps the trace context it was submitted in (given, else the active one, else a new root),
 * so its attempts are one trace. `submitter` (the HTTP caller, see `callerOf`) owns them: callers
 * without the admin scope see only their own.
 */
export async function submitTasks(
  deps: DispatchDeps & { tasks: Pick<TaskRepository, 'createMany'> },
  submissions: readonly TracedSubmission[],
  actor: string,
  submitter?: string,
  /** `dispatch: false` leaves it to the caller, which dispatches once for all it stored. */
  options: { dispatch?: boolean } = {},
): Promise<{ task: StoredTask; created: boolean }[]> {
  // The task rows store the context as a string.
  const active = TraceContext.active().traceparent();
  const results = await deps.tasks.createMany(
    submissions.map((s) => ({ ...s, traceparent: s.traceparent ?? active ?? newTraceparent() })),
    actor,
    submitter,
  );
  for (const { task, created } of results) if (created) taskMetrics.submitted.inc({ type: task.type });
  if (options.dispatch !== false && results.some((r) => r.created)) await dispatchSoon(deps, actor);
  return results;
}

/**
 * The tasks are committed, so they are acknowledged whatever happens next: a dispatch that meets an
 * outage (Redis down, say) leaves them pending for the next dispatch — the sweeper's, or the one
 * after the next completion — rather than failing a request whose retry could create them twice.
 */
export async function dispatchSoon(deps: DispatchDeps, actor: string): Promise<void> {
  try {
    await dispatchPending(deps, { actor });
  } catch (error) {
    const service = dependencyOutage(error);
    if (!service) throw error;
    deps.log.warn({ service, error: { message: (error as Error).message } }, 'tasks accepted; dispatch waits for the service to return');
  }
}
