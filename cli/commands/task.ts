import { parseCommand, positionals, type Command } from '../command.js';
import type { TaskView } from '../apiClient.js';
import { exitCodeOf, watchTask } from '../watchTask.js';
import { table } from '../output/table.js';

const USAGE = `Usage: syntor task <id> [--watch] [--json]

Shows a task (GET /tasks/{id}): its state, payload, result or error, and its history.

Options:
  --watch     follow it until it ends (a progress line on stderr), then show it; exit 0 when it
              completed, 1 when it ended otherwise
  --json      the task as JSON
  -h, --help  this text`;

export function describeTask(task: TaskView): string {
  const head = [
    `${task.id}  ${task.type}  ${task.status}${task.statusReason ? ` (${task.statusReason})` : ''}`,
    `priority ${task.priority} · attempt ${task.attempt ?? 0} · retries ${task.retryCount}/${task.maxRetries}${task.assignedAgent ? ` · agent ${task.assignedAgent}` : ''}`,
    `payload ${JSON.stringify(task.payload)}`,
  ];
  if (task.result !== undefined) head.push(`result ${JSON.stringify(task.result)}`);
  if (task.error) head.push(`error ${task.error.code}: ${task.error.message}`);
  const history = (task.events ?? []).map((e) => [e.at, `${e.fromStatus ?? '—'} → ${e.toStatus}`, e.attempt, e.actor, Object.keys(e.detail).length > 0 ? JSON.stringify(e.detail) : '']);
  return `${head.join('\n')}\n\n${table(['AT', 'TRANSITION', 'ATTEMPT', 'ACTOR', 'DETAIL'], history)}`;
}

export const task: Command = {
  name: 'task',
  summary: 'show a task and its history, or follow it with --watch',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, { watch: { type: 'boolean' } }, task, context.terminal);
    if (!parsed) return 0;
    const [id] = positionals(parsed.positionals, ['id'], USAGE);
    const shown = parsed.values.watch ? await watchTask(id!, context).then(() => context.api.task(id!)) : await context.api.task(id!);
    context.terminal.out(parsed.values.json ? JSON.stringify(shown) : describeTask(shown));
    return parsed.values.watch ? exitCodeOf(shown) : 0;
  },
};
