import { TASK_STATUSES } from '../../lib/contracts/index.js';
import { parseCommand, positionals, type Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { wholeNumber } from '../input.js';
import { ago, table } from '../output/table.js';

const USAGE = `Usage: syntor tasks [--status S] [--limit N] [--json]

Lists tasks, newest first (GET /tasks): yours, or everyone's for an admin.

Options:
  --status S  only tasks in this status: ${TASK_STATUSES.join(', ')}
  --limit N   at most N (1-1000, default 100)
  --json      the API's answer as JSON
  -h, --help  this text`;

export const tasks: Command = {
  name: 'tasks',
  summary: 'list tasks by status',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, { status: { type: 'string' }, limit: { type: 'string' } }, tasks, context.terminal);
    if (!parsed) return 0;
    positionals(parsed.positionals, [], USAGE);
    const { status } = parsed.values;
    if (status !== undefined && !(TASK_STATUSES as readonly string[]).includes(status)) throw new CliUsageError(`--status expects one of ${TASK_STATUSES.join(', ')}; got "${status}"`);
    const answer = await context.api.tasks({ status, limit: wholeNumber('--limit', parsed.values.limit, 1, 1000) });
    context.terminal.out(
      parsed.values.json
        ? JSON.stringify(answer)
        : table(['ID', 'TYPE', 'STATUS', 'AGENT', 'ATTEMPT', 'UPDATED'], answer.tasks.map((t) => [t.id, t.type, t.status, t.assignedAgent, t.attempt, ago(t.updatedAt)])),
    );
    return 0;
  },
};
