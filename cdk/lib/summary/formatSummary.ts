import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { BUNDLE_BUDGET_BYTES } from '../../../lib/bundling/constants.js';
import type { SyntorApp } from '../buildSyntorApp.js';
import { SyntorFunction } from '../constructs/SyntorFunction.js';
import type { Acknowledgement } from './collectAcknowledgements.js';
import type { StackSummary } from './summarizeStacks.js';

export interface SummaryInput {
  readonly syntor: SyntorApp;
  readonly stacks: readonly StackSummary[];
  readonly nag: PolicyValidationPluginReport;
  readonly acknowledgements: readonly Acknowledgement[];
  readonly timings: Readonly<Record<string, number>>;
  readonly outdir: string;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const table = (rows: readonly (readonly string[])[]) => {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()).join('\n');
};

/** Every function the app deploys: the agents' and the provisioning handlers. */
export function deployedFunctions(syntor: SyntorApp): SyntorFunction[] {
  return syntor.app.node.findAll().filter((c): c is SyntorFunction => c instanceof SyntorFunction);
}

/** The text `npm run synth` prints. */
export function formatSummary(input: SummaryInput): string {
  const { syntor, nag } = input;
  const s = syntor.settings;
  const lines: string[] = [];
  lines.push(`SYNTOR CDK app — environment ${s.environment}: ${s.kafka.selfManaged ? `self-managed Kafka ${s.kafka.selfManaged.bootstrapServers.join(',')} (${s.kafka.selfManaged.auth}, ` : `MSK ${s.kafka.mode} (`}${s.kafka.topicPartitions} partitions, ${s.kafka.pollers} pollers), ${s.database.engine}, ${s.cache.engine}, HTTP auth ${s.http.auth}`);
  lines.push(`Cloud assembly: ${input.outdir}`, '');
  lines.push('Stacks');
  lines.push(table(input.stacks.map((st) => [st.name, `${st.resources} resources`, st.byService.map(([svc, n]) => `${svc} ${n}`).join(', ')])));
  if (!syntor.agents) lines.push('  (no agents in functions/index.ts: the agents stack is left out)');

  const functions = deployedFunctions(syntor);
  lines.push('', `Functions (Node.js 22, arm64; bundle = minified ESM, budget ${kib(BUNDLE_BUDGET_BYTES)})`);
  lines.push(table([
    ['function', 'memory', 'timeout', 'bundle', ''],
    ...functions.map((f) => [
      f.functionName,
      `${f.memoryMb} MB`,
      `${f.timeoutSeconds} s`,
      kib(f.bundle.bytes),
      `${f.bundle.bytes > BUNDLE_BUDGET_BYTES ? 'OVER BUDGET' : 'ok'}${f.bundle.shippedPackages.length > 0 ? ` (+ node_modules: ${f.bundle.shippedPackages.join(', ')})` : ''}`,
    ]),
  ]));

  const mappings = syntor.functions.flatMap((f) => f.kafka.map((k) => [
    f.id, k.trigger.topic, k.consumerGroupId, String(k.trigger.batchSize),
    k.batchingWindowSeconds === undefined ? '500 ms (default)' : `${k.batchingWindowSeconds} s${k.trigger.batchingWindowMs === k.batchingWindowSeconds * 1000 ? '' : ` (manifest ${k.trigger.batchingWindowMs} ms)`}`,
    k.trigger.startingPosition, String(k.trigger.filters.length), k.deadLetter ? `${k.trigger.maximumRetryAttempts} retries → syntor.dlq` : 'retry until success',
  ]));
  if (mappings.length > 0) {
    lines.push('', 'Kafka event source mappings');
    lines.push(table([['function', 'topic', 'consumer group', 'batch', 'window', 'start', 'filters', 'failures'], ...mappings]));
  }
  const schedules = syntor.functions.flatMap((f) => f.schedules.map((t) => `${f.id}: ${t.expression}`));
  const routes = syntor.functions.flatMap((f) => f.routes.map((t) => `${t.method} ${t.path} → ${f.id}`));
  if (schedules.length > 0) lines.push('', 'Schedules (EventBridge)', ...schedules.map((l) => `  ${l}`));
  if (routes.length > 0) lines.push('', `HTTP routes (API Gateway HTTP API, ${s.http.auth.toUpperCase()} auth)`, ...routes.map((l) => `  ${l}`));

  const errors = nag.violations.filter((v) => v.severity === 'error');
  const warnings = nag.violations.filter((v) => v.severity !== 'error');
  lines.push('', `cdk-nag AwsSolutions: ${errors.length} unacknowledged error(s), ${warnings.length} warning(s); ${input.acknowledgements.length} acknowledged finding(s):`);
  for (const v of nag.violations) {
    lines.push(`  ${(v.severity ?? 'error').toUpperCase()} ${v.ruleName}: ${v.description}`, ...v.violatingResources.map((r) => `    ${r.constructPath}`));
  }
  for (const a of input.acknowledgements) lines.push(`  ${a.rule} ×${a.paths.length}: ${a.reason}`);

  lines.push('', `Time: ${Object.entries(input.timings).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  return lines.join('\n');
}

