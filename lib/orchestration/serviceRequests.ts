import { createMessage, type FieldError, type MessageOf, type PayloadInput } from '../contracts/index.js';
import type { TraceContext } from '../observability/traceContext.js';
import type { TracedSubmission } from '../store/index.js';
import { checkWorkflow } from '../workflows/checkWorkflow.js';
import type { EventBus, TaskRepository } from './ports.js';
import { checkSubmission, dispatchSoon, submitTasks } from './submissions.js';
import { knownTypesFor, unknownTypeErrors, workflowTypes, type RegisteredCapabilities } from './taskTypes.js';
import { submitWorkflows, type SubmitWorkflowDeps, type WorkflowSubmissionRecord } from './workflows.js';

type Response = PayloadInput<'service.response'>;

/**
 * Who owns a task submitted on Kafka: the agent that sent the request (its envelope's `source`, which
 * the coordinator checked against the record's signature), apart from every HTTP caller's id.
 */
export const kafkaSubmitter = (source: string): string => `kafka:${source}`;

/** A service request with the trace context of the record it came in. */
export interface ServiceRequestRecord {
  message: MessageOf<'service.request'>;
  /** The record's trace context: the submission keeps it, the response continues it. */
  trace?: TraceContext;
}

/** A refused request's error: its code says which kind of request was invalid, `details` names each field. */
function refused(operation: 'task.submit' | 'workflow.submit', errors: FieldError[]): Response {
  return operation === 'task.submit'
    ? { operation, ok: false, error: { code: 'invalid-submission', message: 'Invalid task submission', retriable: false, details: errors } }
    : { operation, ok: false, error: { code: 'invalid-workflow', message: 'Invalid workflow', retriable: false, details: errors } };
}

/** The request's context as the stored task or workflow keeps it: a string in its row. */
function stored({ trace }: ServiceRequestRecord): { traceparent?: string } {
  const traceparent = trace?.traceparent();
  return traceparent ? { traceparent } : {};
}

/**
 * Answers `service.request` messages addressed to the coordinator. The `task.submit` requests of one
 * batch are inserted together, each `workflow.submit` in its own transaction; every request gets a `service.response` carrying its correlation id
 * (its own id when it had none), with an error naming each bad field where it was refused.
 */
export async function answerServiceRequests(
  deps: SubmitWorkflowDeps & { tasks: Pick<TaskRepository, 'createMany'>; agents: RegisteredCapabilities; producer: Pick<EventBus, 'publishAll'> },
  requests: readonly ServiceRequestRecord[],
): Promise<void> {
  const responses: Response[] = [];
  let valid: { submission: TracedSubmission; index: number; submitter: string }[] = [];
  let workflows: (WorkflowSubmissionRecord & { index: number })[] = [];
  requests.forEach(({ message: { source, payload: { operation, params } } }, index) => {
    if (operation === 'workflow.submit') {
      const check = checkWorkflow(params);
      // Without a key of its own, the request's id is one: a redelivered request creates nothing twice.
      const idempotencyKey = check.ok ? (check.workflow.idempotencyKey ?? `service-request:${requests[index]!.message.id}`) : undefined;
      if (check.ok) workflows.push({ workflow: { ...check.workflow, idempotencyKey, ...stored(requests[index]!) }, index, submitter: kafkaSubmitter(source) });
      else responses[index] = refused(operation, check.errors);
      return;
    }
    if (operation !== 'task.submit') {
      responses[index] = { operation, ok: false, error: { code: 'unknown-operation', message: `coordination has no operation "${operation}" (it has task.submit and workflow.submit)`, retriable: false } };
      return;
    }
    const check = checkSubmission(params);
    if (check.ok) valid.push({ submission: { ...check.submission, ...stored(requests[index]!) }, index, submitter: kafkaSubmitter(source) });
    else responses[index] = refused(operation, check.errors);
  });
  // Types are checked against the registry once for the whole batch (and not at all while all are known).
  const types = [...valid.map((v) => v.submission.type), ...workflows.flatMap((w) => workflowTypes(w.workflow).map((t) => t.type))];
  const known = types.length > 0 ? await knownTypesFor(deps.agents, types) : new Set<string>();
  const runnable = <T extends { index: number }>(items: T[], operation: 'task.submit' | 'workflow.submit', typesOf: (item: T) => { field: string; type: string }[]) =>
    items.filter((item) => {
      const errors = unknownTypeErrors(known, typesOf(item));
      if (errors.length > 0) responses[item.index] = refused(operation, errors);
      return errors.length === 0;
    });
  valid = runnable(valid, 'task.submit', (v) => [{ field: 'type', type: v.submission.type }]);
  workflows = runnable(workflows, 'workflow.submit', (w) => workflowTypes(w.workflow));
  let toDispatch = false;
  // One insert per submitter: each task belongs to the agent that asked for it.
  const bySubmitter = new Map<string, typeof valid>();
  for (const v of valid) bySubmitter.set(v.submitter, [...(bySubmitter.get(v.submitter) ?? []), v]);
  for (const [submitter, group] of bySubmitter) {
    const results = await submitTasks(deps, group.map((v) => v.submission), 'services.request', submitter, { dispatch: false });
    if (results.some((r) => r.created)) toDispatch = true;
    group.forEach(({ index }, i) => {
      const { task, created } = results[i]!;
      responses[index] = { operation: 'task.submit', ok: true, result: { id: task.id, status: task.status, created } };
    });
  }
  const submitted = await submitWorkflows(deps, workflows, 'services.request', { dispatch: false });
  if (submitted.some((s) => s.started > 0)) toDispatch = true;
  // One dispatch for the whole batch, after its writes.
  if (toDispatch) await dispatchSoon(deps, 'services.request');
  workflows.forEach(({ index }, i) => {
    const { workflow: view, created } = submitted[i]!;
    responses[index] = { operation: 'workflow.submit', ok: true, result: { id: view.id, status: view.status, created } };
  });
  await deps.producer.publishAll(
    requests.map(({ message: request, trace }, index) => ({
      message: createMessage('service.response', responses[index]!, {
        source: 'coordination',
        target: request.source,
        correlationId: request.correlationId ?? request.id,
      }),
      options: { key: request.correlationId ?? request.id, ...(trace ? { trace } : {}) },
    })),
  );
}
