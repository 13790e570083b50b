import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ParsedWorkflow, WorkflowStatus, WorkflowView } from '../../../contracts/index.js';
import { enqueueOutbox } from '../outbox.js';
import { inTransaction } from '../pool.js';
import { storableJson } from '../storable.js';
import { ENDED } from '../taskGuards.js';
import { advanceWorkflows, applyPlans, cancelTasks, type AnnounceWorkflows, type WorkflowAdvance } from './advanceWorkflows.js';
import { STEPS_QUERY, workflowSummaryOf, workflowViewOf, type StepRow, type WorkflowRow } from './workflowRows.js';

export type { AnnounceWorkflows, WorkflowAdvance, WorkflowEvent } from './advanceWorkflows.js';

export type CancelOutcome = { applied: true; view: WorkflowView; cancelled: WorkflowAdvance['cancelled']; outboxIds: string[] } | { applied: false; status?: WorkflowStatus };

/**
 * Workflows in PostgreSQL: created with their steps and first tasks in one transaction, moved on
 * by the transactions that end their tasks (see advanceWorkflows), read as views with each step's
 * task status and timing.
 */
export function createWorkflowStore(pool: pg.Pool) {
  const viewsOf = async (client: pg.Pool | pg.ClientBase, rows: readonly WorkflowRow[]): Promise<Map<string, WorkflowView>> => {
    const steps = await client.query<StepRow>(STEPS_QUERY, [rows.map((r) => r.id)]);
    return new Map(rows.map((r) => [r.id, workflowViewOf(r, steps.rows.filter((s) => s.workflow_id === r.id))]));
  };
  const view = async (client: pg.Pool | pg.ClientBase, row: WorkflowRow): Promise<WorkflowView> => (await viewsOf(client, [row])).get(row.id)!;

  return {
    /**
     * Stores validated workflows, each its submitter's, and starts the steps that wait for nothing,
     * all in one transaction; a repeated idempotency key returns the existing workflow instead.
     */
    async createMany(
      workflows: readonly { workflow: ParsedWorkflow & { traceparent: string }; submitter: string | null }[],
      actor: string,
      announce: AnnounceWorkflows,
    ): Promise<{ results: { view: WorkflowView; created: boolean }[]; advance: WorkflowAdvance }> {
      const input = workflows.map((w) => ({ ...w, id: randomUUID() }));
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<WorkflowRow>(
          `INSERT INTO workflows (id, name, on_failure, idempotency_key, traceparent, submitted_by)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
          [
            input.map((w) => w.id),
            input.map((w) => w.workflow.name ?? null),
            input.map((w) => w.workflow.onFailure),
            input.map((w) => w.workflow.idempotencyKey ?? null),
            input.map((w) => w.workflow.traceparent),
            input.map((w) => w.submitter),
          ],
        );
        const created = new Set(rows.map((r) => r.id));
        const steps = input.filter((w) => created.has(w.id)).flatMap((w) => Object.entries(w.workflow.steps).map(([name, step], position) => ({ workflowId: w.id, name, position, step })));
        await client.query(
          `INSERT INTO workflow_steps (workflow_id, name, position, spec, depends_on, dynamic)
           SELECT workflow_id, name, position, spec, ARRAY(SELECT jsonb_array_elements_text(depends_on)), dynamic
           FROM unnest($1::uuid[], $2::text[], $3::int[], $4::jsonb[], $5::jsonb[], $6::bool[]) AS s(workflow_id, name, position, spec, depends_on, dynamic)`,
          [
            steps.map((s) => s.workflowId),
            steps.map((s) => s.name),
            steps.map((s) => s.position),
            steps.map(({ step: { dependsOn: _d, dynamic: _y, ...spec } }) => storableJson(spec)),
            steps.map((s) => JSON.stringify(s.step.dependsOn)),
            steps.map((s) => s.step.dynamic),
          ],
        );
        const submitted = await enqueueOutbox(client, announce(rows.map((workflow) => ({ event: 'submitted', workflow }))));
        const advance = await applyPlans(client, [...created], actor, announce);
        const keys = input.filter((w) => !created.has(w.id)).map((w) => w.workflow.idempotencyKey!);
        const current = await client.query<WorkflowRow>('SELECT * FROM workflows WHERE id = ANY($1::uuid[]) OR idempotency_key = ANY($2::text[])', [[...created], keys]);
        const views = await viewsOf(client, current.rows);
        const byKey = new Map(current.rows.filter((r) => r.idempotency_key).map((r) => [r.idempotency_key!, r.id]));
        return {
          results: input.map((w) => (created.has(w.id) ? { view: views.get(w.id)!, created: true } : { view: views.get(byKey.get(w.workflow.idempotencyKey!)!)!, created: false })),
          advance: { ...advance, outboxIds: [...submitted, ...advance.outboxIds] },
        };
      });
    },

    async get(id: string): Promise<WorkflowView | undefined> {
      const { rows } = await pool.query<WorkflowRow>('SELECT * FROM workflows WHERE id = $1', [id]);
      return rows[0] && view(pool, rows[0]);
    },

    /** Newest first, without steps: a list shows where each workflow is, its page the detail. */
    async list(filter: { status?: WorkflowStatus; submittedBy?: string; limit?: number } = {}): Promise<Omit<WorkflowView, 'steps'>[]> {
      const { rows } = await pool.query<WorkflowRow>(
        `SELECT * FROM workflows WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR submitted_by = $2) ORDER BY created_at DESC LIMIT $3`,
        [filter.status ?? null, filter.submittedBy ?? null, Math.min(filter.limit ?? 100, 1000)],
      );
      return rows.map(workflowSummaryOf);
    },

    /** Moves on the workflows of tasks ended outside a completion (a cancelled task), in a transaction of its own. */
    advance: (taskIds: readonly string[], actor: string, announce: AnnounceWorkflows) => inTransaction(pool, (client) => advanceWorkflows(client, taskIds, actor, announce)),

    /**
     * Moves on the workflows whose started steps' tasks ended without moving them — a task cancelled
     * or redriven-and-finished through a path that crashed before its own advance: the sweeper's repair.
     */
    async repair(limit: number, actor: string, announce: AnnounceWorkflows): Promise<WorkflowAdvance> {
      const { rows } = await pool.query<{ task_id: string }>(
        `SELECT s.task_id FROM workflow_steps s JOIN tasks t ON t.id = s.task_id
         WHERE s.status = 'started' AND t.status = ANY($2::text[]) LIMIT $1`,
        [limit, ENDED],
      );
      return inTransaction(pool, (client) => advanceWorkflows(client, rows.map((r) => r.task_id), actor, announce));
    },

    /** Cancels a running workflow: its waiting steps, and the tasks of its started ones that have not ended. */
    async cancel(id: string, actor: string, announce: AnnounceWorkflows): Promise<CancelOutcome> {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<WorkflowRow>(
          `UPDATE workflows SET status = 'cancelled', finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'running' RETURNING *`,
          [id],
        );
        if (!rows[0]) {
          const current = await client.query<{ status: WorkflowStatus }>('SELECT status FROM workflows WHERE id = $1', [id]);
          return { applied: false, ...(current.rows[0] ? { status: current.rows[0].status } : {}) };
        }
        const steps = await client.query<{ task_id: string | null }>(
          `UPDATE workflow_steps SET status = 'cancelled', finished_at = now() WHERE workflow_id = $1 AND status IN ('waiting', 'started') RETURNING task_id`,
          [id],
        );
        const cancelled = await cancelTasks(client, steps.rows.flatMap((s) => (s.task_id ? [s.task_id] : [])), actor, { workflow: id, reason: 'workflow cancelled' });
        const outboxIds = await enqueueOutbox(client, announce([{ event: 'cancelled', workflow: rows[0] }]));
        return { applied: true, view: await view(client, rows[0]), cancelled, outboxIds };
      });
    },
  };
}

export type WorkflowStore = ReturnType<typeof createWorkflowStore>;
