import type pg from 'pg';
import type { Acknowledged, FaultRecord, FaultRecovery } from './types.js';

/**
 * Each fault's figures, from the history in the database: downtime (fault → service answering),
 * time to the first terminal transition after the service was back, and time until the backlog —
 * every task acknowledged before the service was back — had become terminal.
 */
export async function measureRecovery(client: pg.Client, faults: readonly FaultRecord[], acknowledged: readonly Acknowledged[]): Promise<FaultRecovery[]> {
  const { rows } = await client.query<{ task_id: string; at: Date }>(
    `SELECT task_id, min(at) AS at FROM task_events WHERE to_status IN ('completed', 'dead') GROUP BY task_id ORDER BY 2`,
  );
  const terminalAt = new Map(rows.map((r) => [r.task_id, r.at.getTime()]));
  const times = rows.map((r) => r.at.getTime());
  return faults.map((fault) => {
    const first = times.find((t) => t >= fault.restoredAt);
    const backlog = acknowledged.filter((a) => a.ackedAt <= fault.restoredAt);
    const ends = backlog.map((a) => terminalAt.get(a.id));
    const notDrained = ends.filter((t) => t === undefined).length;
    const last = Math.max(fault.at, ...ends.filter((t): t is number => t !== undefined));
    return {
      ...fault,
      downtimeMs: fault.restoredAt - fault.at,
      ...(first === undefined ? {} : { firstTerminalMs: first - fault.at }),
      ...(notDrained === 0 ? { drainedMs: last - fault.at } : {}),
      notDrained,
    };
  });
}
