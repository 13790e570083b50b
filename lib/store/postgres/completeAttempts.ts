import type pg from 'pg';
import type { ErrorInfo, TaskStatus } from '../../contracts/index.js';
import { applySettlements, type Settle } from './settlement.js';
import { storableJson } from './storable.js';
import { appendEvents } from './taskEvents.js';
import { taskFromRow, type StoredTask, type TaskRow } from './taskRows.js';
import { IN_FLIGHT } from './taskGuards.js';

export interface Completion {
  taskId: string;
  attempt: number;
  /** The agent that reports it: only the one the attempt was assigned to is heard. */
  agent: string;
  outcome: 'success' | 'failure';
  result?: unknown;
  error?: ErrorInfo;
}

export interface CompletedAttempts {
  /** Tasks whose attempt this batch ended, as the attempt left them (completed or failed, agent kept). */
  applied: (StoredTask & { previousStatus: TaskStatus })[];
  /** The failed ones after settling: pending again (retry) or dead. */
  settled: StoredTask[];
  outboxIds: string[];
}

/**
 * Records attempt outcomes on the caller's transaction: an in-flight (assigned or running) task on that attempt,
 * reported by the agent it was assigned to (another agent cannot end someone else's task), becomes
 * completed or failed, and the failed ones are settled in the same transaction, so a
 * redelivered batch after a crash finds nothing half done. Results and errors are made storable.
 */
export async function completeAttempts(client: pg.ClientBase, completions: readonly Completion[], actor: string, settle: Settle): Promise<CompletedAttempts> {
  if (completions.length === 0) return { applied: [], settled: [], outboxIds: [] };
  const { rows } = await client.query<TaskRow & { previous_status: TaskStatus }>(
    // Only reports that can apply are kept before picking one per task: a late report of an earlier
    // attempt, or a forged one from another agent, in the same batch must not crowd out the real one.
    `WITH input AS (
       SELECT DISTINCT ON (i.id) i.* FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[]) AS i(id, attempt, outcome, result, error, agent)
       JOIN tasks c ON c.id = i.id AND c.attempt = i.attempt AND c.assigned_agent = i.agent AND c.status = ANY($7::text[])
       ORDER BY i.id
     ),
     previous AS (SELECT t.id, t.status FROM tasks t JOIN input i ON i.id = t.id ORDER BY t.id FOR UPDATE OF t)
     UPDATE tasks t SET
       status = CASE WHEN i.outcome = 'success' THEN 'completed' ELSE 'failed' END,
       result = CASE WHEN i.outcome = 'success' THEN i.result ELSE t.result END,
       error = CASE WHEN i.outcome = 'success' THEN NULL ELSE i.error END,
       completed_at = CASE WHEN i.outcome = 'success' THEN now() ELSE t.completed_at END,
       lease_expires_at = NULL, updated_at = now()
     FROM input i, previous p
     WHERE t.id = i.id AND p.id = t.id AND t.status = ANY($7::text[]) AND t.attempt = i.attempt AND t.assigned_agent = i.agent
     RETURNING t.*, p.status AS previous_status`,
    [
      completions.map((c) => c.taskId),
      completions.map((c) => c.attempt),
      completions.map((c) => c.outcome),
      completions.map((c) => (c.result === undefined ? null : storableJson(c.result))),
      completions.map((c) => (c.error === undefined ? null : storableJson(c.error))),
      completions.map((c) => c.agent),
      IN_FLIGHT,
    ],
  );
  await appendEvents(
    client,
    rows.map((r) => ({ taskId: r.id, from: r.previous_status, to: r.status, attempt: r.attempt, ...(r.error ? { detail: { error: r.error } } : {}) })),
    actor,
  );
  const applied = rows.map((r) => ({ ...taskFromRow(r), previousStatus: r.previous_status }));
  const failed = applied.filter((t) => t.status === 'failed');
  const { settled, outboxIds } = failed.length > 0 ? await applySettlements(client, settle(failed), actor) : { settled: [], outboxIds: [] };
  return { applied, settled, outboxIds };
}
