import type { TriggerStatus } from './triggerStatus.js';

export interface LiveViewState {
  /** Lines above the table: where things are (HTTP, console, metrics). */
  header: readonly string[];
  statuses: readonly TriggerStatus[];
  lag: number | undefined;
  /** The latest log lines, newest last. */
  recent: readonly string[];
  width: number;
}

const cut = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`);

/**
 * The harness on a terminal: one row per function and trigger (state, invocations, failures,
 * records, filtered, last error), the totals with the consumer lag, and the last log lines — redrawn
 * in place instead of a scrolling log (`--logs` keeps the stream).
 */
export function renderLiveView({ header, statuses, lag, recent, width }: LiveViewState): string {
  // One row per function and trigger: its pollers' counts summed, the worst state shown.
  const rows = new Map<string, { fn: string; trigger: string; states: Set<string>; invocations: number; failures: number; records: number; filtered: number; lastError?: string }>();
  for (const s of statuses) {
    const key = `${s.functionId} ${s.trigger}`;
    const row = rows.get(key) ?? { fn: s.functionId, trigger: s.trigger, states: new Set<string>(), invocations: 0, failures: 0, records: 0, filtered: 0 };
    row.states.add(s.consecutiveFailures > 0 ? 'retrying' : s.state);
    row.invocations += s.invocations;
    row.failures += s.failures;
    row.records += s.records;
    row.filtered += s.filtered;
    if (s.lastError) row.lastError = s.lastError;
    rows.set(key, row);
  }
  const table = [['FUNCTION', 'TRIGGER', 'STATE', 'INVOKED', 'FAILED', 'RECORDS', 'FILTERED', 'LAST ERROR']].concat(
    [...rows.values()].map((r) => [r.fn, r.trigger, [...r.states].sort().join('/'), String(r.invocations), String(r.failures), String(r.records), String(r.filtered), r.lastError ?? '']),
  );
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => cut(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd(), width));
  const sum = (pick: (s: TriggerStatus) => number) => statuses.reduce((n, s) => n + pick(s), 0);
  const totals = `${sum((s) => s.invocations)} invocations (${sum((s) => s.failures)} failed) · ${sum((s) => s.records)} records · ${sum((s) => s.filtered)} filtered${lag === undefined ? '' : ` · lag ${lag}`}`;
  return [...header.map((h) => cut(h, width)), '', ...lines, '', cut(totals, width), '', 'recent log (npm run local -- --logs for all of it):', ...recent.map((l) => cut(`  ${l}`, width))].join('\n');
}
