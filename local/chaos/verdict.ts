import type pg from 'pg';
import { TERMINAL_STATUSES } from './database.js';
import type { Acknowledged, Verdict, Violation } from './types.js';

const EXAMPLES = 5;
const examples = (ids: readonly string[]) => `${ids.slice(0, EXAMPLES).join(', ')}${ids.length > EXAMPLES ? ', …' : ''}`;
const isTerminal = (status: string) => (TERMINAL_STATUSES as readonly string[]).includes(status);

/**
 * Judges the run from the database alone: every acknowledged task must exist, be in exactly one
 * terminal state (`completed`, or `dead` for a task built to fail), have completed at most once
 * (task_events rows with to_status 'completed'), and its idempotency key must name that one task.
 */
export async function judge(client: pg.Client, acknowledged: readonly Acknowledged[]): Promise<Omit<Verdict, 'violations'> & { violations: Violation[] }> {
  const ids = acknowledged.map((a) => a.id);
  const keys = acknowledged.map((a) => a.key);
  const tasks = await client.query<{ id: string; status: string; status_reason: string | null }>('SELECT id, status, status_reason FROM tasks WHERE id = ANY($1::uuid[])', [ids]);
  const events = await client.query<{ task_id: string; completions: string; terminals: string }>(
    `SELECT task_id, count(*) FILTER (WHERE to_status = 'completed') AS completions,
            count(*) FILTER (WHERE to_status = ANY($2::text[])) AS terminals
       FROM task_events WHERE task_id = ANY($1::uuid[]) GROUP BY task_id`,
    [ids, TERMINAL_STATUSES],
  );
  const byKey = await client.query<{ key: string; ids: string[] }>('SELECT idempotency_key AS key, array_agg(id::text) AS ids FROM tasks WHERE idempotency_key = ANY($1::text[]) GROUP BY 1', [keys]);

  const status = new Map(tasks.rows.map((r) => [r.id, r]));
  const history = new Map(events.rows.map((r) => [r.task_id, { completions: Number(r.completions), terminals: Number(r.terminals) }]));
  const keyed = new Map(byKey.rows.map((r) => [r.key, r.ids]));

  const lost: string[] = [];
  const stuck: string[] = [];
  const stuckByStatus: Record<string, number> = {};
  const stuckReasons = new Map<string, number>();
  const duplicates: string[] = [];
  const several: string[] = [];
  const wrong: string[] = [];
  const idempotency: string[] = [];
  let completed = 0;
  let dead = 0;
  for (const ack of acknowledged) {
    const row = status.get(ack.id);
    if (!row) {
      lost.push(ack.id);
      continue;
    }
    if (row.status === 'completed') completed++;
    if (row.status === 'dead') dead++;
    if (!isTerminal(row.status)) {
      stuck.push(ack.id);
      stuckByStatus[row.status] = (stuckByStatus[row.status] ?? 0) + 1;
      const reason = `${row.status}${row.status_reason ? `: ${row.status_reason}` : ''}`;
      stuckReasons.set(reason, (stuckReasons.get(reason) ?? 0) + 1);
    } else if (row.status !== (ack.designedToFail ? 'dead' : 'completed')) {
      wrong.push(`${ack.id} (${row.status}, expected ${ack.designedToFail ? 'dead' : 'completed'})`);
    }
    const h = history.get(ack.id) ?? { completions: 0, terminals: 0 };
    if (h.completions > 1) duplicates.push(`${ack.id} (${h.completions}×)`);
    if (h.terminals > 1) several.push(`${ack.id} (${h.terminals} terminal transitions)`);
    const owners = keyed.get(ack.key) ?? [];
    if (owners.length !== 1 || owners[0] !== ack.id) idempotency.push(`${ack.key} → acknowledged ${ack.id}, stored ${owners.join('/') || 'none'}`);
  }
  const seenKeys = new Set<string>();
  for (const ack of acknowledged) {
    if (seenKeys.has(ack.key)) idempotency.push(`${ack.key} acknowledged twice`);
    seenKeys.add(ack.key);
  }

  const violations: Violation[] = [];
  const topReasons = [...stuckReasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([r, n]) => `${n}× ${r}`).join('; ');
  if (lost.length > 0) violations.push({ kind: 'lost', message: `${lost.length} acknowledged tasks have no row in tasks: ${examples(lost)}` });
  if (stuck.length > 0) violations.push({ kind: 'stuck', message: `${stuck.length} acknowledged tasks never reached a terminal state (${topReasons}): ${examples(stuck)}` });
  if (duplicates.length > 0) violations.push({ kind: 'duplicate-completion', message: `${duplicates.length} tasks completed more than once: ${examples(duplicates)}` });
  if (several.length > 0) violations.push({ kind: 'several-terminal-states', message: `${several.length} tasks reached a terminal state more than once: ${examples(several)}` });
  if (wrong.length > 0) violations.push({ kind: 'wrong-terminal-state', message: `${wrong.length} tasks ended in the wrong terminal state: ${examples(wrong)}` });
  if (idempotency.length > 0) violations.push({ kind: 'idempotency', message: `${idempotency.length} idempotency keys do not map to exactly the acknowledged task: ${examples(idempotency)}` });
  return {
    acknowledged: acknowledged.length,
    completed,
    dead,
    stuck: stuck.length,
    stuckByStatus,
    lost: lost.length,
    duplicateCompletions: duplicates.length,
    severalTerminalStates: several.length,
    wrongTerminalState: wrong.length,
    idempotencyMismatches: idempotency.length,
    violations,
  };
}
