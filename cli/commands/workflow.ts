import { setTimeout as sleep } from 'node:timers/promises';
import { WORKFLOW_STATUSES, type WorkflowView } from '../../lib/contracts/index.js';
import { parseCommand, positionals, type Command, type CommandContext } from '../command.js';
import { CliUsageError } from '../errors.js';
import { readJsonObject, wholeNumber } from '../input.js';
import { ago, table } from '../output/table.js';

const USAGE = `Usage: syntor workflow submit <workflow> [--wait] [--json]
       syntor workflow <id> [--watch] [--json]
       syntor workflow cancel <id> [--json]
       syntor workflow list [--status S] [--limit N] [--json]

A workflow is JSON inline or @file (@- reads stdin): { "steps": { "<name>": { "type", "payload",
"dependsOn": [...] } }, "onFailure": "fail-fast" | "continue" } (see the README's Workflows).
--wait and --watch follow it until it ends, a progress line on stderr; exit 0 when it completed,
1 when it failed or was cancelled.`;

const summaryLine = (w: WorkflowView) => {
  const counts = new Map<string, number>();
  for (const step of w.steps) counts.set(step.status, (counts.get(step.status) ?? 0) + 1);
  return `${w.id.slice(0, 8)}${w.name ? ` ${w.name}` : ''}: ${w.status} · ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}`;
};

function describe(w: WorkflowView): string {
  const head = `${w.id}  ${w.name ?? ''}  ${w.status}${w.error ? `\n${JSON.stringify(w.error)}` : ''}`;
  const steps = w.steps.map((s) => [s.name, s.status, s.type, s.dependsOn.join(','), s.taskId, s.taskStatus, s.error ? `${s.error.code}: ${s.error.message}` : '']);
  return `${head}\n\n${table(['STEP', 'STATUS', 'TYPE', 'DEPENDS ON', 'TASK', 'TASK STATUS', 'ERROR'], steps)}`;
}

async function follow(id: string, { api, terminal, pollMs }: CommandContext): Promise<WorkflowView> {
  for (;;) {
    const workflow = await api.workflow(id);
    terminal.progress(summaryLine(workflow));
    if (workflow.status !== 'running') {
      terminal.done();
      return workflow;
    }
    await sleep(pollMs);
  }
}

const exitCode = (w: WorkflowView) => (w.status === 'completed' ? 0 : 1);

export const workflow: Command = {
  name: 'workflow',
  summary: 'submit, show, follow, list or cancel workflows',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, { wait: { type: 'boolean' }, watch: { type: 'boolean' }, status: { type: 'string' }, limit: { type: 'string' } }, workflow, context.terminal);
    if (!parsed) return 0;
    const { values } = parsed;
    const print = (value: unknown, text: string) => context.terminal.out(values.json ? JSON.stringify(value) : text);
    const [verb] = parsed.positionals;
    switch (verb) {
      case 'submit': {
        const [, raw] = positionals(parsed.positionals, ['submit', 'workflow'], USAGE);
        const answer = await context.api.submitWorkflow(readJsonObject(raw!, 'workflow'));
        if (!values.wait) {
          print(answer, `${answer.created ? 'submitted' : 'already submitted'} ${answer.id} (${answer.steps.length} steps)`);
          return 0;
        }
        const ended = await follow(answer.id, context);
        print(ended, describe(ended));
        return exitCode(ended);
      }
      case 'cancel': {
        const [, id] = positionals(parsed.positionals, ['cancel', 'id'], USAGE);
        const cancelled = await context.api.cancelWorkflow(id!);
        print(cancelled, `cancelled ${cancelled.id}`);
        return 0;
      }
      case 'list': {
        positionals(parsed.positionals, ['list'], USAGE);
        if (values.status !== undefined && !(WORKFLOW_STATUSES as readonly string[]).includes(values.status)) {
          throw new CliUsageError(`--status expects one of ${WORKFLOW_STATUSES.join(', ')}; got "${values.status}"`);
        }
        const answer = await context.api.workflows({ status: values.status, limit: wholeNumber('--limit', values.limit, 1, 1000) });
        print(answer, table(['ID', 'NAME', 'STATUS', 'CREATED'], answer.workflows.map((w) => [w.id, w.name, w.status, ago(w.createdAt)])));
        return 0;
      }
      case undefined:
        throw new CliUsageError(`missing a workflow id or command\n\n${USAGE}`);
      default: {
        positionals(parsed.positionals, ['id'], USAGE);
        const shown = values.watch ? await follow(verb, context) : await context.api.workflow(verb);
        print(shown, describe(shown));
        return values.watch ? exitCode(shown) : 0;
      }
    }
  },
};
