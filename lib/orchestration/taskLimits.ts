import type { TaskLimit } from '../config/index.js';
import type { LimitUsage } from '../store/index.js';

/** What the store reads for one limited type: its concurrency key and rate window. */
export interface LimitedType {
  type: string;
  keyPath?: string[] | undefined;
  rateWindowMs?: number | undefined;
}

/**
 * A rate below one a second is one task per 1/rate seconds; above, whole tasks per second (2.5 is 2):
 * either way the window holds a whole number of tasks.
 */
const rateWindow = (rate: number) => (rate >= 1 ? { windowMs: 1000, allowance: Math.floor(rate) } : { windowMs: Math.ceil(1000 / rate), allowance: 1 });

export function limitedTypes(limits: Readonly<Record<string, TaskLimit>>, types: Iterable<string>): LimitedType[] {
  return [...new Set(types)].flatMap((type) => {
    const limit = limits[type];
    if (!limit) return [];
    return [{ type, keyPath: limit.concurrency?.key?.split('.'), rateWindowMs: limit.ratePerSecond === undefined ? undefined : rateWindow(limit.ratePerSecond).windowMs }];
  });
}

/** A payload field's value as PostgreSQL's `#>>` gives it (text; '' without a key), so counts and tasks agree. */
export function keyValueOf(payload: Record<string, unknown>, keyPath: readonly string[] | undefined): string {
  if (keyPath === undefined) return '';
  let value: unknown = payload;
  for (const part of keyPath) value = value !== null && typeof value === 'object' && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * How long a task waiting for a concurrency slot is left before it is looked at again: slots free up
 * at completions, which dispatch does not follow one by one.
 */
export const CONCURRENCY_RECHECK_MS = 1000;

export interface LimitGate {
  /** Why this task must wait for its type's limits and for how long at least, or undefined when it may go. */
  heldBy(task: { type: string; payload: Record<string, unknown> }): { reason: string; waitMs: number } | undefined;
  /** Counts a task that was sent out against its type's limits. */
  admit(task: { type: string; payload: Record<string, unknown> }): void;
}

/**
 * The limits of one dispatch: `usage` is what was running and sent before it (read under a lock),
 * and every task it admits counts, so one batch never goes past a limit either.
 */
export function createLimitGate(limits: Readonly<Record<string, TaskLimit>>, usage: ReadonlyMap<string, LimitUsage>): LimitGate {
  const state = new Map([...usage].map(([type, u]) => [type, { running: new Map(u.running), sentInWindow: u.sentInWindow }]));
  const counted = (type: string): LimitUsage => {
    const entry = state.get(type) ?? { running: new Map<string, number>(), sentInWindow: 0 };
    state.set(type, entry);
    return entry;
  };
  return {
    heldBy({ type, payload }) {
      const limit = limits[type];
      if (!limit) return undefined;
      const { running, sentInWindow } = counted(type);
      if (limit.concurrency) {
        const key = keyValueOf(payload, limit.concurrency.key?.split('.'));
        if ((running.get(key) ?? 0) >= limit.concurrency.limit) {
          const per = limit.concurrency.key ? ` per ${limit.concurrency.key}` : '';
          return { reason: `waiting for a concurrency slot: at most ${limit.concurrency.limit} "${type}" tasks run at once${per}`, waitMs: CONCURRENCY_RECHECK_MS };
        }
      }
      const rate = limit.ratePerSecond === undefined ? undefined : rateWindow(limit.ratePerSecond);
      if (rate && sentInWindow >= rate.allowance) {
        return { reason: `waiting for the rate limit: at most ${limit.ratePerSecond} "${type}" tasks are sent out per second`, waitMs: rate.windowMs };
      }
      return undefined;
    },
    admit({ type, payload }) {
      const limit = limits[type];
      if (!limit) return;
      const entry = counted(type);
      const key = keyValueOf(payload, limit.concurrency?.key?.split('.'));
      entry.running.set(key, (entry.running.get(key) ?? 0) + 1);
      entry.sentInWindow += 1;
    },
  };
}
