import type { TriggerStatus } from './triggerStatus.js';

/** One line for the terminal: what happened since start, and what is failing now. */
export function summaryLine(statuses: readonly TriggerStatus[], lag: number | undefined): string {
  const total = (pick: (s: TriggerStatus) => number) => statuses.reduce((n, s) => n + pick(s), 0);
  const failing = statuses.filter((s) => s.consecutiveFailures > 0).map((s) => `${s.functionId}#${s.instance}`);
  return [
    `summary: ${total((s) => s.invocations)} invocations (${total((s) => s.failures)} failed)`,
    `${total((s) => s.records)} records, ${total((s) => s.filtered)} filtered`,
    ...(lag === undefined ? [] : [`lag ${lag}`]),
    failing.length > 0 ? `retrying: ${failing.join(', ')}` : 'all healthy',
  ].join(' · ');
}
