import type { ParsedWorkflow, WorkflowView } from '../contracts/index.js';
import { newTraceparent } from '../kafka/traceparent.js';
import { taskMetrics } from '../observability/metrics.js';
import { TraceContext } from '../observability/traceContext.js';
import type { AnnounceWorkflows, WorkflowAdvance } from '../store/index.js';
import type { DispatchDeps } from './dispatcher.js';
import { relayOutbox, type RelayDeps } from './outboxRelay.js';
import type { Capacity, WorkflowRepository } from './ports.js';
import { dispatchSoon } from './submissions.js';
import { systemEventRecords } from './systemEvents.js';

/** What follows an advance calls: capacity given back, and the relay for its announcements. */
export type AdvanceDeps = RelayDeps & { inFlight: Pick<Capacity, 'release'> };

/** What submitting workflows calls: the workflow repository, what follows its advance, and dispatch. */
export type SubmitWorkflowDeps = AdvanceDeps & DispatchDeps & { workflows: Pick<WorkflowRepository, 'createMany'> };

/** What cancelling a workflow calls. */
export type CancelWorkflowDeps = AdvanceDeps & { workflows: Pick<WorkflowRepository, 'cancel'> };

/** Each workflow event as a `workflow.*` system event, keyed by the workflow's id. */
export const announceWorkflows: AnnounceWorkflows = (events) =>
  systemEventRecords(
    events.map(({ event, workflow }) => ({
      event: `workflow.${event}`,
      subject: workflow.id,
      severity: event === 'failed' ? 'warning' : 'info',
      details: { ...(workflow.name ? { name: workflow.name } : {}), ...(workflow.error ? { error: workflow.error } : {}) },
    })),
  );

/**
 * What follows a committed advance outside PostgreSQL: the cancelled tasks' capacity is given back,
 * the announcements relayed and the metrics counted. The tasks it started wait for the caller's dispatch.
 */
export async function afterAdvance(deps: AdvanceDeps, advance: WorkflowAdvance): Promise<void> {
  const freed = new Map<string, string[]>();
  for (const t of advance.cancelled) if (t.assignedAgent) freed.set(t.assignedAgent, [...(freed.get(t.assignedAgent) ?? []), t.id]);
  await Promise.all([...freed].map(([agent, ids]) => deps.inFlight.release(agent, ids)));
  for (const task of advance.started) taskMetrics.workflowStepsStarted.inc({ type: task.type });
  for (const workflow of advance.finished) taskMetrics.workflowsFinished.inc({ status: workflow.status });
  for (const workflow of advance.finished) deps.log.info({ workflowId: workflow.id, status: workflow.status, error: workflow.error ?? undefined }, `workflow ${workflow.status}`);
  if (advance.outboxIds.length > 0) await relayOutbox(deps, { ids: advance.outboxIds });
}

/** A validated workflow (see checkWorkflow) with who submits it and the trace context it came in. */
export interface WorkflowSubmissionRecord {
  workflow: ParsedWorkflow & { traceparent?: string | undefined };
  submitter?: string | undefined;
}

/**
 * Stores validated workflows, each its submitter's, in one transaction, starts their first steps
 * and dispatches once for all. Each workflow's tasks share its trace context (given, else the active one, else a new root).
 */
export async function submitWorkflows(
  deps: SubmitWorkflowDeps,
  submissions: readonly WorkflowSubmissionRecord[],
  actor: string,
  /** `dispatch: false` leaves it to the caller, which dispatches once for all it stored. */
  options: { dispatch?: boolean } = {},
): Promise<{ workflow: WorkflowView; created: boolean; started: number }[]> {
  // The task rows store the context as a string.
  const active = TraceContext.active().traceparent();
  const { results, advance } = await deps.workflows.createMany(
    submissions.map(({ workflow, submitter }) => ({ workflow: { ...workflow, traceparent: workflow.traceparent ?? active ?? newTraceparent() }, submitter: submitter ?? null })),
    actor,
    announceWorkflows,
  );
  for (const r of results) if (r.created) taskMetrics.workflowsSubmitted.inc();
  await afterAdvance(deps, advance);
  if (options.dispatch !== false && advance.started.length > 0) await dispatchSoon(deps, actor);
  return results.map(({ view, created }) => ({ workflow: view, created, started: advance.started.length }));
}

export async function submitWorkflow(deps: SubmitWorkflowDeps, workflow: WorkflowSubmissionRecord['workflow'], actor: string, submitter?: string): Promise<{ workflow: WorkflowView; created: boolean }> {
  const [result] = await submitWorkflows(deps, [{ workflow, submitter }], actor);
  return result!;
}

/** Cancels a running workflow and what of it has not ended; `applied: false` with its status when it had already ended. */
export async function cancelWorkflow(deps: CancelWorkflowDeps, id: string, actor: string) {
  const outcome = await deps.workflows.cancel(id, actor, announceWorkflows);
  if (outcome.applied) {
    taskMetrics.workflowsFinished.inc({ status: 'cancelled' });
    await afterAdvance(deps, { started: [], cancelled: outcome.cancelled, finished: [], outboxIds: outcome.outboxIds });
  }
  return outcome;
}
