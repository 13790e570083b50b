import type pg from 'pg';
import { taskSubmissionSchema, type TaskStatus, type TaskSubmission } from '../../contracts/index.js';
import { completeAttempts, type Completion } from './completeAttempts.js';
import { dispatchReader, inFlightByAgent, type DispatchReader } from './dispatchReader.js';
import { expireLeases } from './expireLeases.js';
import { insertTasks, newTask } from './insertTasks.js';
import { lockLimitUsage } from './limitUsage.js';
import { enqueueOutbox, type OutboxRecord } from './outbox.js';
import { inTransaction } from './pool.js';
import type { Settle } from './settlement.js';
import { advanceWorkflows, NO_ANNOUNCEMENTS, type AnnounceWorkflows } from './workflows/advanceWorkflows.js';
import { appendEvents } from './taskEvents.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';

export type { Completion } from './completeAttempts.js';

/** The tasks a batch ended for good: completed, or dead after settling. */
const endedIds = (applied: readonly StoredTask[], settled: readonly StoredTask[]) => [
  ...applied.filter((t) => t.status === 'completed').map((t) => t.id),
  ...settled.filter((t) => t.status === 'dead').map((t) => t.id),
];

/** A submission with the trace context it came with (the HTTP request's or the service request's). */
export type TracedSubmission = TaskSubmission & { traceparent?: string };

/** What dispatch decided for one claimed task. */
export type DispatchDecision = { taskId: string; agent: string; leaseMs: number } | { taskId: string; unroutable: string; heldForMs?: number };

export interface DispatchOutcome {
  assigned: StoredTask[];
  /** `held`: waiting on its type's limits (SYNTOR_TASK_LIMITS), not for an agent. */
  unroutable: { task: StoredTask; reason: string; changed: boolean; held: boolean }[];
  /** The outbox rows written with the assignments (relay them now; a relay picks them up anyway). */
  outboxIds: string[];
}

export interface StatusUpdate {
  taskId: string;
  attempt: number;
  /** 'running' moves an assigned task to running; both extend the lease. */
  state: 'running' | 'progress';
  progress?: number;
  message?: string;
}

/**
 * Set-based task operations for the hot paths — one statement per MSK batch instead of one
 * transaction per record. Each keeps the store's rule: a move applies only from the expected state
 * (and attempt), and every applied move is appended to the history in the same transaction.
 */
export function createTaskBatchStore(pool: pg.Pool) {
  return {
    /**
     * Inserts pending tasks, each recorded as `submitter`'s; a submission whose idempotency key exists
     * returns that task instead.
     */
    async createMany(submissions: readonly TracedSubmission[], actor: string, submitter?: string): Promise<{ task: StoredTask; created: boolean }[]> {
      const parsed = submissions.map((s) => newTask(taskSubmissionSchema.parse(s), { traceparent: s.traceparent ?? null, submittedBy: submitter ?? null }));
      if (parsed.length === 0) return [];
      return inTransaction(pool, async (client) => {
        const rows = await insertTasks(client, parsed, actor);
        const inserted = new Map(rows.map((r) => [r.id, r]));
        const missingKeys = parsed.filter((s) => !inserted.has(s.id)).map((s) => s.idempotencyKey!);
        const existing = new Map<string, TaskRow>();
        if (missingKeys.length > 0) {
          const found = await client.query<TaskRow>('SELECT * FROM tasks WHERE idempotency_key = ANY($1::text[])', [missingKeys]);
          for (const row of found.rows) existing.set(row.idempotency_key!, row);
        }
        return parsed.map((s) => {
          const row = inserted.get(s.id);
          return row ? { task: taskFromRow(row), created: true } : { task: taskFromRow(existing.get(s.idempotencyKey!)!), created: false };
        });
      });
    },

    /**
     * Claims up to `limit` due pending tasks, highest priority then oldest first, with
     * `FOR UPDATE SKIP LOCKED` so concurrent coordinators never claim the same task, lets `decide`
     * route them, and applies the decisions in the same transaction. `decide` reads through a
     * DispatchReader bound to the transaction's client: taking a second pooled connection while
     * holding one deadlocks the pool once as many dispatches run at once as it has connections. `announce` gives the messages for
     * what was decided (the assignments), written to the outbox in the same transaction.
     */
    async dispatch(
      limit: number,
      decide: (tasks: StoredTask[], reader: DispatchReader) => Promise<DispatchDecision[]>,
      actor: string,
      announce: (outcome: Omit<DispatchOutcome, 'outboxIds'>) => OutboxRecord[] = () => [],
    ): Promise<DispatchOutcome> {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<TaskRow>(
          `SELECT * FROM tasks WHERE status = 'pending' AND available_at <= now()
           ORDER BY priority DESC, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        );
        if (rows.length === 0) return { assigned: [], unroutable: [], outboxIds: [] };
        const claimed = rows.map(taskFromRow);
        const decisions = await decide(claimed, dispatchReader(client));
        const routed = decisions.filter((d): d is Extract<DispatchDecision, { agent: string }> => 'agent' in d);
        const updated = await client.query<TaskRow>(
          `UPDATE tasks t SET status = 'assigned', attempt = t.attempt + 1, assigned_agent = d.agent, assigned_at = now(),
             updated_at = now(), status_reason = NULL, lease_expires_at = now() + d.lease_ms * interval '1 millisecond'
           FROM unnest($1::uuid[], $2::text[], $3::int[]) AS d(id, agent, lease_ms)
           WHERE t.id = d.id AND t.status = 'pending'
           RETURNING t.*`,
          [routed.map((d) => d.taskId), routed.map((d) => d.agent), routed.map((d) => d.leaseMs)],
        );
        await appendEvents(client, updated.rows.map((r) => ({ taskId: r.id, from: 'pending', to: 'assigned', attempt: r.attempt, detail: { agent: r.assigned_agent } })), actor);

        const byId = new Map(claimed.map((t) => [t.id, t]));
        const unroutable = decisions
          .filter((d): d is Extract<DispatchDecision, { unroutable: string }> => 'unroutable' in d)
          .map((d) => ({ task: byId.get(d.taskId)!, reason: d.unroutable, changed: byId.get(d.taskId)!.statusReason !== d.unroutable, held: d.heldForMs !== undefined, heldForMs: d.heldForMs ?? 0 }));
        // A task held by its type's limits is not due again before its wait: the claims after it reach the tasks behind.
        const changed = unroutable.filter((u) => u.changed || u.held);
        if (changed.length > 0) {
          await client.query(
            `UPDATE tasks t SET status_reason = d.reason, available_at = greatest(t.available_at, now() + d.wait_ms * interval '1 millisecond'), updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::int[]) AS d(id, reason, wait_ms) WHERE t.id = d.id`,
            [changed.map((u) => u.task.id), changed.map((u) => u.reason), changed.map((u) => u.heldForMs)],
          );
        }
        const decided = { assigned: updated.rows.map(taskFromRow), unroutable };
        return { ...decided, outboxIds: await enqueueOutbox(client, announce(decided)) };
      });
    },

    /**
     * Records the outcome of attempts and, in the same transaction, settles the failed ones (retry or
     * dead letter, by `settle`), and moves on the workflows whose steps ended. A duplicate or a late
     * completion of an earlier attempt changes nothing.
     */
    complete: (completions: readonly Completion[], actor: string, settle: Settle, announce: AnnounceWorkflows = NO_ANNOUNCEMENTS) =>
      inTransaction(pool, async (client) => {
        const done = await completeAttempts(client, completions, actor, settle);
        const workflows = await advanceWorkflows(client, endedIds(done.applied, done.settled), actor, announce);
        return { ...done, workflows, outboxIds: [...done.outboxIds, ...workflows.outboxIds] };
      }),

    /**
     * Applies status heartbeats: each extends the lease of a task still on that attempt to
     * now + its timeout + `graceMs`; 'running' also moves an assigned task to running.
     */
    async touch(updates: readonly StatusUpdate[], graceMs: number, actor: string): Promise<{ extended: number; started: string[] }> {
      if (updates.length === 0) return { extended: 0, started: [] };
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ id: string; attempt: number; started: boolean }>(
          `WITH input AS (
             SELECT id, attempt, bool_or(state = 'running') AS running FROM unnest($1::uuid[], $2::int[], $3::text[]) AS i(id, attempt, state) GROUP BY id, attempt
           )
           UPDATE tasks t SET
             status = CASE WHEN i.running AND t.status = 'assigned' THEN 'running' ELSE t.status END,
             started_at = CASE WHEN i.running AND t.status = 'assigned' THEN now() ELSE t.started_at END,
             lease_expires_at = GREATEST(t.lease_expires_at, now() + (t.timeout_ms + $4::int) * interval '1 millisecond'),
             updated_at = now()
           FROM input i
           WHERE t.id = i.id AND t.attempt = i.attempt AND t.status IN ('assigned', 'running')
           RETURNING t.id, t.attempt, (i.running AND t.started_at = now()) AS started`,
          [updates.map((u) => u.taskId), updates.map((u) => u.attempt), updates.map((u) => u.state), graceMs],
        );
        const started = rows.filter((r) => r.started);
        await appendEvents(client, started.map((r) => ({ taskId: r.id, from: 'assigned', to: 'running', attempt: r.attempt })), actor);
        return { extended: rows.length, started: started.map((r) => r.id) };
      });
    },

    /**
     * Fails the attempts whose lease ran out (the agent crashed, hung or timed out, or the assignment
     * never left the outbox) and settles them, in one transaction with the workflows the dead ones
     * move on; see expireLeases.
     */
    expire: (limit: number, actor: string, settle: Settle, announce: AnnounceWorkflows = NO_ANNOUNCEMENTS) =>
      inTransaction(pool, async (client) => {
        const done = await expireLeases(client, limit, actor, settle);
        const workflows = await advanceWorkflows(client, endedIds([], done.settled), actor, announce);
        return { ...done, workflows, outboxIds: [...done.outboxIds, ...workflows.outboxIds] };
      }),

    /** Locks the limited types for the rest of a dispatch's transaction and reads their usage (see lockLimitUsage). */
    limitUsage: lockLimitUsage,

    /** The tasks in flight per agent: the truth Redis's in-flight sets are rebuilt from. */
    inFlightByAgent: (client: pg.Pool | pg.PoolClient = pool) => inFlightByAgent(client),

    /** How many tasks are in each status; a status with none is absent. */
    async countByStatus(): Promise<Map<TaskStatus, number>> {
      const { rows } = await pool.query<{ status: TaskStatus; count: string }>('SELECT status, count(*) AS count FROM tasks GROUP BY status');
      return new Map(rows.map((r) => [r.status, Number(r.count)]));
    },

    /** Whether anything is left for a sweep to move on: tasks not yet terminal, or messages not yet relayed. */
    async workLeft(): Promise<boolean> {
      const { rows } = await pool.query<{ busy: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM tasks WHERE status IN ('pending', 'assigned', 'running')) OR EXISTS (SELECT 1 FROM outbox) AS busy`,
      );
      return rows[0]?.busy ?? false;
    },

    /**
     * A dead task back to pending with a fresh set of retries, its dead letter marked redriven and
     * `announce`'s messages queued, all in one transaction.
     */
    async redrive(letterId: string, taskId: string, actor: string, announce: OutboxRecord[]): Promise<{ applied: true; task: StoredTask; outboxIds: string[] } | { applied: false; status?: string }> {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<TaskRow>(
          `UPDATE tasks SET status = 'pending', retry_count = 0, error = NULL, available_at = now(), updated_at = now()
           WHERE id = $1 AND status = 'dead' RETURNING *`,
          [taskId],
        );
        const row = rows[0];
        if (!row) {
          const current = await client.query<{ status: string }>('SELECT status FROM tasks WHERE id = $1', [taskId]);
          return { applied: false, ...(current.rows[0] ? { status: current.rows[0].status } : {}) };
        }
        await appendEvents(client, [{ taskId, from: 'dead', to: 'pending', attempt: row.attempt, detail: { redrive: letterId } }], actor);
        await client.query('UPDATE dead_letters SET redrive_count = redrive_count + 1, redriven_at = now() WHERE id = $1', [letterId]);
        return { applied: true, task: taskFromRow(row), outboxIds: await enqueueOutbox(client, announce) };
      });
    },
  };
}

export type TaskBatchStore = ReturnType<typeof createTaskBatchStore>;
