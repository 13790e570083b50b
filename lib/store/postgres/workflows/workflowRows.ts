import type { ErrorInfo, TaskStatus, WorkflowFailurePolicy, WorkflowStatus, WorkflowStepStatus, WorkflowStepView, WorkflowView } from '../../../contracts/index.js';
import type { StepSpec, StepState } from '../../../workflows/planAdvance.js';

/** A `workflows` row as pg returns it. */
export interface WorkflowRow {
  id: string;
  name: string | null;
  status: WorkflowStatus;
  on_failure: WorkflowFailurePolicy;
  error: Record<string, unknown> | null;
  idempotency_key: string | null;
  traceparent: string | null;
  submitted_by: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** A `workflow_steps` row with what its task says (joined). */
export interface StepRow {
  workflow_id: string;
  name: string;
  position: number;
  status: WorkflowStepStatus;
  spec: StepSpec;
  depends_on: string[];
  dynamic: boolean;
  expanded: boolean;
  parent: string | null;
  task_id: string | null;
  error: ErrorInfo | null;
  started_at: Date | null;
  finished_at: Date | null;
  task_status: TaskStatus | null;
  task_attempt: number | null;
  task_result: unknown;
}

/** The steps with their tasks' status and result, in submission order. */
export const STEPS_QUERY = `SELECT s.*, t.status AS task_status, t.attempt AS task_attempt, t.result AS task_result
  FROM workflow_steps s LEFT JOIN tasks t ON t.id = s.task_id
  WHERE s.workflow_id = ANY($1::uuid[]) ORDER BY s.workflow_id, s.position`;

export function stepStateOf(row: StepRow): StepState {
  return {
    name: row.name,
    status: row.status,
    spec: row.spec,
    dependsOn: row.depends_on,
    dynamic: row.dynamic,
    expanded: row.expanded,
    ...(row.parent ? { parent: row.parent } : {}),
    ...(row.task_id ? { taskId: row.task_id } : {}),
    ...(row.status === 'completed' ? { result: row.task_result } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

const iso = (d: Date | null) => (d ? { at: d.toISOString() } : undefined);

export function stepViewOf(row: StepRow): WorkflowStepView {
  const started = iso(row.started_at);
  const finished = iso(row.finished_at);
  return {
    name: row.name,
    status: row.status,
    type: row.spec.type,
    dependsOn: row.depends_on,
    dynamic: row.dynamic,
    ...(row.parent ? { parent: row.parent } : {}),
    ...(row.task_id ? { taskId: row.task_id } : {}),
    ...(row.task_status ? { taskStatus: row.task_status } : {}),
    ...(row.task_attempt !== null ? { attempt: row.task_attempt } : {}),
    ...(started ? { startedAt: started.at } : {}),
    ...(finished ? { finishedAt: finished.at } : {}),
    ...(row.status === 'completed' && row.task_result !== null ? { result: row.task_result } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

export function workflowViewOf(row: WorkflowRow, steps: readonly StepRow[]): WorkflowView {
  return { ...workflowSummaryOf(row), steps: steps.map(stepViewOf) };
}

/** A workflow without its steps, as lists show it. */
export function workflowSummaryOf(row: WorkflowRow): Omit<WorkflowView, 'steps'> {
  return {
    id: row.id,
    ...(row.name ? { name: row.name } : {}),
    status: row.status,
    onFailure: row.on_failure,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(row.finished_at ? { finishedAt: row.finished_at.toISOString() } : {}),
    ...(row.error ? { error: row.error } : {}),
    ...(row.submitted_by ? { submittedBy: row.submitted_by } : {}),
  };
}
