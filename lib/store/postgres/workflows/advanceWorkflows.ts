import type pg from 'pg';
import { taskSubmissionSchema } from '../../../contracts/index.js';
import { planAdvance, type AdvancePlan } from '../../../workflows/planAdvance.js';
import { insertTasks, newTask } from '../insertTasks.js';
import { enqueueOutbox, type OutboxRecord } from '../outbox.js';
import { storableJson } from '../storable.js';
import { appendEvents } from '../taskEvents.js';
import { CANCELLABLE, ENDED } from '../taskGuards.js';
import { taskFromRow, type StoredTask, type TaskRow } from '../taskRows.js';
import { STEPS_QUERY, stepStateOf, type StepRow, type WorkflowRow } from './workflowRows.js';

/** What moving workflows on did beyond its own tables. */
export interface WorkflowAdvance {
  /** Step tasks created (pending): dispatch them. */
  started: StoredTask[];
  /** Step tasks cancelled (fail-fast): give their agents' capacity back. */
  cancelled: StoredTask[];
  /** Workflows that reached the end. */
  finished: WorkflowRow[];
  /** The outbox rows of their announcements. */
  outboxIds: string[];
}

/** A workflow's lifecycle moment, for its system event. */
export interface WorkflowEvent {
  event: 'submitted' | 'completed' | 'failed' | 'cancelled';
  workflow: WorkflowRow;
}

/** The messages announcing workflow events, written in the transaction that made them. */
export type AnnounceWorkflows = (events: readonly WorkflowEvent[]) => OutboxRecord[];

export const NO_ANNOUNCEMENTS: AnnounceWorkflows = () => [];

const nothing = (): WorkflowAdvance => ({ started: [], cancelled: [], finished: [], outboxIds: [] });

/**
 * Moves on the workflows whose step tasks ended (completed, dead or cancelled), on the caller's
 * transaction — the one that ended them, so a step's end and what follows from it commit together,
 * and a duplicate or late completion (which ends nothing) moves nothing. What a step became is read
 * from its task, so any path that ends a task can call this.
 */
export async function advanceWorkflows(client: pg.ClientBase, taskIds: readonly string[], actor: string, announce: AnnounceWorkflows): Promise<WorkflowAdvance> {
  if (taskIds.length === 0) return nothing();
  const { rows } = await client.query<{ workflow_id: string }>(
    `UPDATE workflow_steps s SET
       status = CASE t.status WHEN 'completed' THEN 'completed' WHEN 'dead' THEN 'failed' ELSE 'cancelled' END,
       error = CASE WHEN t.status = 'completed' THEN NULL ELSE t.error END,
       finished_at = now()
     FROM tasks t
     WHERE s.task_id = t.id AND s.task_id = ANY($1::uuid[]) AND s.status = 'started' AND t.status = ANY($2::text[])
     RETURNING s.workflow_id`,
    [taskIds, ENDED],
  );
  return applyPlans(client, [...new Set(rows.map((r) => r.workflow_id))], actor, announce);
}

/**
 * Plans each running workflow (locked for the rest of the transaction) and applies all the plans
 * together: a statement per kind of change for the whole batch, however many workflows it moves.
 */
export async function applyPlans(client: pg.ClientBase, workflowIds: readonly string[], actor: string, announce: AnnounceWorkflows): Promise<WorkflowAdvance> {
  if (workflowIds.length === 0) return nothing();
  const workflows = await client.query<WorkflowRow>(`SELECT * FROM workflows WHERE id = ANY($1::uuid[]) AND status = 'running' ORDER BY id FOR UPDATE`, [workflowIds]);
  if (workflows.rows.length === 0) return nothing();
  const steps = await client.query<StepRow>(STEPS_QUERY, [workflows.rows.map((w) => w.id)]);
  const planned = workflows.rows.map((workflow) => {
    const own = steps.rows.filter((s) => s.workflow_id === workflow.id);
    const plan = planAdvance({ id: workflow.id, status: workflow.status, onFailure: workflow.on_failure, steps: own.map(stepStateOf) });
    return { workflow, plan, nextPosition: Math.max(0, ...own.map((s) => s.position)) + 1 };
  });
  const advance = nothing();
  await addSteps(client, planned);
  await endSteps(client, planned);
  advance.cancelled = await cancelTasks(client, planned.flatMap((p) => p.plan.cancelTasks), actor, { reason: 'workflow failed' });
  advance.started = await startSteps(client, planned, actor);
  advance.finished = await finishWorkflows(client, planned);
  advance.outboxIds = await enqueueOutbox(client, announce(advance.finished.map((w) => ({ event: w.status as 'completed' | 'failed', workflow: w }))));
  return advance;
}

type Planned = { workflow: WorkflowRow; plan: AdvancePlan; nextPosition: number };

/** Dynamic steps' children, and the dynamic steps marked expanded. */
async function addSteps(client: pg.ClientBase, planned: readonly Planned[]): Promise<void> {
  const added = planned.flatMap(({ workflow, plan, nextPosition }) => plan.added.map((step, i) => ({ workflowId: workflow.id, step, position: nextPosition + i })));
  if (added.length > 0) {
    await client.query(
      `INSERT INTO workflow_steps (workflow_id, name, position, spec, parent)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::jsonb[], $5::text[])`,
      [added.map((a) => a.workflowId), added.map((a) => a.step.name), added.map((a) => a.position), added.map((a) => storableJson(a.step.spec)), added.map((a) => a.step.parent ?? null)],
    );
  }
  const expanded = planned.flatMap(({ workflow, plan }) => plan.expanded.map((name) => ({ workflowId: workflow.id, name })));
  if (expanded.length > 0) {
    await client.query(`UPDATE workflow_steps s SET expanded = true FROM unnest($1::uuid[], $2::text[]) AS e(workflow_id, name) WHERE s.workflow_id = e.workflow_id AND s.name = e.name`, [
      expanded.map((e) => e.workflowId),
      expanded.map((e) => e.name),
    ]);
  }
}

/** Steps that end without (more of) their task: failed, skipped or cancelled. */
async function endSteps(client: pg.ClientBase, planned: readonly Planned[]): Promise<void> {
  const ended = planned.flatMap(({ workflow, plan }) => plan.ended.map((e) => ({ workflowId: workflow.id, ...e })));
  if (ended.length === 0) return;
  await client.query(
    `UPDATE workflow_steps s SET status = e.status, error = COALESCE(e.error, s.error), finished_at = now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS e(workflow_id, name, status, error)
     WHERE s.workflow_id = e.workflow_id AND s.name = e.name`,
    [ended.map((e) => e.workflowId), ended.map((e) => e.name), ended.map((e) => e.status), ended.map((e) => (e.error ? storableJson(e.error) : null))],
  );
}

/** The ready steps' tasks, each its workflow's submitter's and in its trace, and the steps marked started. */
async function startSteps(client: pg.ClientBase, planned: readonly Planned[], actor: string): Promise<StoredTask[]> {
  const starting = planned.flatMap(({ workflow, plan }) =>
    plan.start.map(({ name, submission }) => ({
      workflowId: workflow.id,
      step: name,
      task: newTask(taskSubmissionSchema.parse(submission), { traceparent: workflow.traceparent, submittedBy: workflow.submitted_by }),
    })),
  );
  if (starting.length === 0) return [];
  const origin = new Map<string, { workflow: string; step: string }>(starting.map((s) => [s.task.id, { workflow: s.workflowId, step: s.step }]));
  const rows = await insertTasks(client, starting.map((s) => s.task), actor, (t) => origin.get(t.id)!);
  await client.query(
    `UPDATE workflow_steps s SET status = 'started', task_id = n.task_id, started_at = now()
     FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS n(workflow_id, name, task_id) WHERE s.workflow_id = n.workflow_id AND s.name = n.name`,
    [starting.map((s) => s.workflowId), starting.map((s) => s.step), starting.map((s) => s.task.id)],
  );
  return rows.map(taskFromRow);
}

/** Every workflow touched, its end recorded where its plan finished it; returns the finished ones. */
async function finishWorkflows(client: pg.ClientBase, planned: readonly Planned[]): Promise<WorkflowRow[]> {
  const { rows } = await client.query<WorkflowRow & { finishing: boolean }>(
    `UPDATE workflows w SET status = COALESCE(f.status, w.status),
       error = CASE WHEN f.status IS NULL THEN w.error ELSE f.error END,
       finished_at = CASE WHEN f.status IS NULL THEN w.finished_at ELSE now() END,
       updated_at = now()
     FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS f(id, status, error)
     WHERE w.id = f.id
     RETURNING w.*, f.status IS NOT NULL AS finishing`,
    [
      planned.map((p) => p.workflow.id),
      planned.map((p) => p.plan.finish?.status ?? null),
      planned.map((p) => (p.plan.finish?.error ? storableJson(p.plan.finish.error) : null)),
    ],
  );
  return rows.filter((r) => r.finishing).map(({ finishing: _finishing, ...row }) => row);
}

/** Cancels the tasks not yet ended, with their history; the rows returned are the ones it moved. */
export async function cancelTasks(client: pg.ClientBase, ids: readonly string[], actor: string, detail: Record<string, unknown>): Promise<StoredTask[]> {
  if (ids.length === 0) return [];
  const { rows } = await client.query<TaskRow & { previous_status: TaskRow['status'] }>(
    `WITH previous AS (SELECT id, status FROM tasks WHERE id = ANY($1::uuid[]) AND status = ANY($2::text[]) ORDER BY id FOR UPDATE)
     UPDATE tasks t SET status = 'cancelled', completed_at = now(), lease_expires_at = NULL, updated_at = now()
     FROM previous p WHERE t.id = p.id
     RETURNING t.*, p.status AS previous_status`,
    [ids, CANCELLABLE],
  );
  await appendEvents(client, rows.map((r) => ({ taskId: r.id, from: r.previous_status, to: 'cancelled', attempt: r.attempt, detail })), actor);
  return rows.map(taskFromRow);
}
