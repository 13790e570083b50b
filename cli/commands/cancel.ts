import { parseCommand, positionals, type Command } from '../command.js';

const USAGE = `Usage: syntor cancel <task id> [--json]

Cancels a pending, assigned or running task (POST /tasks/{id}/cancel; needs the admin scope).
A workflow's step task: its workflow hears of it. Exit 1 when the task had already ended.`;

export const cancel: Command = {
  name: 'cancel',
  summary: 'cancel a task',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, {}, cancel, context.terminal);
    if (!parsed) return 0;
    const [id] = positionals(parsed.positionals, ['task id'], USAGE);
    const cancelled = await context.api.cancelTask(id!);
    context.terminal.out(parsed.values.json ? JSON.stringify(cancelled) : `cancelled ${cancelled.id} (${cancelled.type})`);
    return 0;
  },
};
