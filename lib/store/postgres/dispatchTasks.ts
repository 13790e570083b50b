import type pg from 'pg';
import { dispatchReader, type DispatchReader } from './dispatchReader.js';
import { enqueueOutbox, type OutboxRecord } from './outbox.js';
import { inTransaction } from './pool.js';
import { appendEvents } from './taskEvents.js';
import { CLAIMABLE } from './taskGuards.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';

/** What dispatch decided for one claimed task. */
export type DispatchDecision = { taskId: string; agent: string; leaseMs: number } | { taskId: string; unroutable: string; heldForMs?: number };

export interface DispatchOutcome {
  assigned: StoredTask[];
  /** `held`: waiting on its type's limits (SYNTOR_TASK_LIMITS), not for an agent. */
  unroutable: { task: StoredTask; reason: string; changed: boolean; held: boolean }[];
  /** The outbox rows written with the assignments (relay them now; a relay picks them up anyway). */
  outboxIds: string[];
}

/**
 * Claims up to `limit` due claimable tasks, highest priority then oldest first, with
 * `FOR UPDATE SKIP LOCKED` so concurrent coordinators never claim the same task, lets `decide`
 * route them, and applies the decisions in the same transaction. `decide` reads through a
 * DispatchReader bound to the transaction's client: taking a second pooled connection while
 * holding one deadlocks the pool once as many dispatches run at once as it has connections.
 * `announce` gives the messages for what was decided (the assignments), written to the outbox in
 * the same transaction.
 */
export function dispatchTasks(
  pool: pg.Pool,
  limit: number,
  decide: (tasks: StoredTask[], reader: DispatchReader) => Promise<DispatchDecision[]>,
  actor: string,
  announce: (outcome: Omit<DispatchOutcome, 'outboxIds'>) => OutboxRecord[] = () => [],
): Promise<DispatchOutcome> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<TaskRow>(
      `SELECT * FROM tasks WHERE status = ANY($2::text[]) AND available_at <= now()
       ORDER BY priority DESC, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, CLAIMABLE],
    );
    if (rows.length === 0) return { assigned: [], unroutable: [], outboxIds: [] };
    const claimed = rows.map(taskFromRow);
    const decisions = await decide(claimed, dispatchReader(client));
    const routed = decisions.filter((d): d is Extract<DispatchDecision, { agent: string }> => 'agent' in d);
    const updated = await client.query<TaskRow>(
      `UPDATE tasks t SET status = 'assigned', attempt = t.attempt + 1, assigned_agent = d.agent, assigned_at = now(),
         updated_at = now(), status_reason = NULL, lease_expires_at = now() + d.lease_ms * interval '1 millisecond'
       FROM unnest($1::uuid[], $2::text[], $3::int[]) AS d(id, agent, lease_ms)
       WHERE t.id = d.id AND t.status = ANY($4::text[])
       RETURNING t.*`,
      [routed.map((d) => d.taskId), routed.map((d) => d.agent), routed.map((d) => d.leaseMs), CLAIMABLE],
    );
    // The rows were locked by the claim above, so each one left the status it was claimed in.
    const claimedStatus = new Map(claimed.map((t) => [t.id, t.status]));
    await appendEvents(client, updated.rows.map((r) => ({ taskId: r.id, from: claimedStatus.get(r.id)!, to: 'assigned', attempt: r.attempt, detail: { agent: r.assigned_agent } })), actor);

    const byId = new Map(claimed.map((t) => [t.id, t]));
    const unroutable = decisions
      .filter((d): d is Extract<DispatchDecision, { unroutable: string }> => 'unroutable' in d)
      .map((d) => ({ task: byId.get(d.taskId)!, reason: d.unroutable, changed: byId.get(d.taskId)!.statusReason !== d.unroutable, held: d.heldForMs !== undefined, heldForMs: d.heldForMs ?? 0 }));
    // A task held by its type's limits is not due again before its wait: the claims after it reach the tasks behind.
    const changed = unroutable.filter((u) => u.changed || u.held);
    if (changed.length > 0) {
      await client.query(
        `UPDATE tasks t SET status_reason = d.reason, available_at = CASE WHEN d.wait_ms > 0 THEN greatest(t.available_at, now() + d.wait_ms * interval '1 millisecond') ELSE t.available_at END,
           updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS d(id, reason, wait_ms) WHERE t.id = d.id`,
        [changed.map((u) => u.task.id), changed.map((u) => u.reason), changed.map((u) => u.heldForMs)],
      );
    }
    const decided = { assigned: updated.rows.map(taskFromRow), unroutable };
    return { ...decided, outboxIds: await enqueueOutbox(client, announce(decided)) };
  });
}
