import type { ChaosReport } from './types.js';

const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const pad = (cells: readonly string[], widths: readonly number[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [pad(header, widths), pad(widths.map((w) => '-'.repeat(w)), widths), ...rows.map((r) => pad(r, widths))];
}

/** The run as a person reads it: the figures, each fault's recovery, then every violation. */
export function formatReport(report: ChaosReport): string {
  const { load, verdict } = report;
  const errorKinds = Object.entries(load.errors).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
  const stuck = Object.entries(verdict.stuckByStatus).map(([k, n]) => `${n} ${k}`).join(', ');
  const lines = [
    '',
    `Chaos run: ${report.passed ? 'PASSED' : 'FAILED'} in ${s(report.durationMs)} (work folder ${report.workDir})`,
    '',
    ...table(
      ['figure', 'value'],
      [
        ['tasks submitted', String(load.submitted)],
        ['acknowledged (200/201)', String(verdict.acknowledged)],
        ['given up by the client', String(load.abandoned)],
        ['completed', String(verdict.completed)],
        ['dead (built to fail)', String(verdict.dead)],
        ['stuck (not terminal)', `${verdict.stuck}${stuck ? ` (${stuck})` : ''}`],
        ['lost (no row)', String(verdict.lost)],
        ['duplicate completions', String(verdict.duplicateCompletions)],
        ['several terminal states', String(verdict.severalTerminalStates)],
        ['wrong terminal state', String(verdict.wrongTerminalState)],
        ['idempotency mismatches', String(verdict.idempotencyMismatches)],
        ['harness unexpected exits', String(report.harnessUnexpectedExits.length)],
        ['client errors (retried)', errorKinds],
      ],
    ),
    '',
    ...table(
      ['fault', 'at', 'downtime', 'first terminal', 'backlog drained', 'not drained'],
      report.faults.map((f) => [f.name + (f.error ? ' (FAILED)' : ''), `+${s(f.at - load.startedAt)}`, s(f.downtimeMs), s(f.firstTerminalMs), s(f.drainedMs), String(f.notDrained)]),
    ),
    '  (times from the fault; "first terminal": first task completed or dead after the service was back;',
    '   "backlog drained": every task acknowledged before then is terminal)',
  ];
  if (load.firstErrors.length > 0) lines.push('', 'First client errors:', ...load.firstErrors.map((e) => `  ${e}`));
  for (const exit of report.harnessUnexpectedExits) {
    lines.push('', `Harness died on its own at +${s(exit.at - load.startedAt)} (${exit.how}); end of its log:`, ...exit.logTail.split('\n').map((l) => `  | ${l}`));
  }
  if (verdict.violations.length > 0) lines.push('', 'Violations:', ...verdict.violations.map((v) => `  ✗ [${v.kind}] ${v.message}`));
  return lines.join('\n');
}
