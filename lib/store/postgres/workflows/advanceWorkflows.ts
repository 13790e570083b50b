import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { taskSubmissionSchema } from '../../../contracts/index.js';
import { planAdvance, type AdvancePlan } from '../../../workflows/planAdvance.js';
import { insertTasks, type NewTask } from '../insertTasks.js';
import { enqueueOutbox, type OutboxRecord } from '../outbox.js';
import { storableJson } from '../storable.js';
import { appendEvents } from '../taskEvents.js';
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
     WHERE s.task_id = t.id AND s.task_id = ANY($1::uuid[]) AND s.status = 'started' AND t.status IN ('completed', 'dead', 'cancelled')
     RETURNING s.workflow_id`,
    [taskIds],
  );
  return applyPlans(client, [...new Set(rows.map((r) => r.workflow_id))], actor, announce);
}

/** Plans each running workflow (locked for the rest of the transaction) and applies the plans. */
export async function applyPlans(client: pg.ClientBase, workflowIds: readonly string[], actor: string, announce: AnnounceWorkflows): Promise<WorkflowAdvance> {
  if (workflowIds.length === 0) return nothing();
  const workflows = await client.query<WorkflowRow>(`SELECT * FROM workflows WHERE id = ANY($1::uuid[]) AND status = 'running' ORDER BY id FOR UPDATE`, [workflowIds]);
  if (workflows.rows.length === 0) return nothing();
  const steps = await client.query<StepRow>(STEPS_QUERY, [workflows.rows.map((w) => w.id)]);
  const advance = nothing();
  for (const workflow of workflows.rows) {
    const own = steps.rows.filter((s) => s.workflow_id === workflow.id);
    const plan = planAdvance({ id: workflow.id, status: workflow.status, onFailure: workflow.on_failure, steps: own.map(stepStateOf) });
    await applyPlan(client, workflow, plan, Math.max(0, ...own.map((s) => s.position)) + 1, actor, advance);
  }
  advance.outboxIds = await enqueueOutbox(client, announce(advance.finished.map((w) => ({ event: w.status as 'completed' | 'failed', workflow: w }))));
  return advance;
}

async function applyPlan(client: pg.ClientBase, workflow: WorkflowRow, plan: AdvancePlan, nextPosition: number, actor: string, advance: WorkflowAdvance): Promise<void> {
  if (plan.added.length > 0) {
    await client.query(
      `INSERT INTO workflow_steps (workflow_id, name, position, spec, parent)
       SELECT $1, name, position, spec, parent FROM unnest($2::text[], $3::int[], $4::jsonb[], $5::text[]) AS c(name, position, spec, parent)`,
      [workflow.id, plan.added.map((s) => s.name), plan.added.map((_, i) => nextPosition + i), plan.added.map((s) => storableJson(s.spec)), plan.added.map((s) => s.parent ?? null)],
    );
  }
  if (plan.expanded.length > 0) await client.query('UPDATE workflow_steps SET expanded = true WHERE workflow_id = $1 AND name = ANY($2::text[])', [workflow.id, plan.expanded]);
  if (plan.ended.length > 0) {
    await client.query(
      `UPDATE workflow_steps s SET status = e.status, error = COALESCE(e.error, s.error), finished_at = now()
       FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS e(name, status, error)
       WHERE s.workflow_id = $1 AND s.name = e.name`,
      [workflow.id, plan.ended.map((e) => e.name), plan.ended.map((e) => e.status), plan.ended.map((e) => (e.error ? storableJson(e.error) : null))],
    );
  }
  advance.cancelled.push(...(await cancelTasks(client, plan.cancelTasks, actor, { workflow: workflow.id, reason: 'workflow failed' })));
  if (plan.start.length > 0) {
    const tasks: (NewTask & { step: string })[] = plan.start.map(({ name, submission }) => ({ ...taskSubmissionSchema.parse(submission), id: randomUUID(), traceparent: workflow.traceparent, step: name }));
    const rows = await insertTasks(client, tasks, actor, workflow.submitted_by, (t) => ({ workflow: workflow.id, step: (t as NewTask & { step: string }).step }));
    await client.query(
      `UPDATE workflow_steps s SET status = 'started', task_id = n.task_id, started_at = now()
       FROM unnest($2::text[], $3::uuid[]) AS n(name, task_id) WHERE s.workflow_id = $1 AND s.name = n.name`,
      [workflow.id, tasks.map((t) => t.step), tasks.map((t) => t.id)],
    );
    advance.started.push(...rows.map(taskFromRow));
  }
  if (plan.finish) {
    const { rows } = await client.query<WorkflowRow>(
      `UPDATE workflows SET status = $2, error = $3::jsonb, finished_at = now(), updated_at = now() WHERE id = $1 RETURNING *`,
      [workflow.id, plan.finish.status, plan.finish.error ? storableJson(plan.finish.error) : null],
    );
    advance.finished.push(rows[0]!);
  } else {
    await client.query('UPDATE workflows SET updated_at = now() WHERE id = $1', [workflow.id]);
  }
}

/** Cancels the tasks not yet ended, with their history; the rows returned are the ones it moved. */
export async function cancelTasks(client: pg.ClientBase, ids: readonly string[], actor: string, detail: Record<string, unknown>): Promise<StoredTask[]> {
  if (ids.length === 0) return [];
  const { rows } = await client.query<TaskRow & { previous_status: TaskRow['status'] }>(
    `WITH previous AS (SELECT id, status FROM tasks WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'assigned', 'running') ORDER BY id FOR UPDATE)
     UPDATE tasks t SET status = 'cancelled', completed_at = now(), lease_expires_at = NULL, updated_at = now()
     FROM previous p WHERE t.id = p.id
     RETURNING t.*, p.status AS previous_status`,
    [ids],
  );
  await appendEvents(client, rows.map((r) => ({ taskId: r.id, from: r.previous_status, to: 'cancelled', attempt: r.attempt, detail })), actor);
  return rows.map(taskFromRow);
}
