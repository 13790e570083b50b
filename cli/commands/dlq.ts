import { parseCommand, positionals, type Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { ago, table } from '../output/table.js';

const USAGE = `Usage: syntor dlq [--json]
       syntor dlq redrive <dead letter id> [--json]

Lists the dead letters (GET /dlq), or redrives one (POST /dlq/{id}/redrive): a dead task runs again
with fresh retries, a raw record goes back to its topic. Both need the admin scope.`;

export const dlq: Command = {
  name: 'dlq',
  summary: 'list dead letters, or redrive one',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, {}, dlq, context.terminal);
    if (!parsed) return 0;
    const [verb, id] = parsed.positionals;
    if (verb === 'redrive') {
      positionals(parsed.positionals, ['redrive', 'dead letter id'], USAGE);
      const outcome = await context.api.redrive(id!);
      context.terminal.out(parsed.values.json ? JSON.stringify(outcome) : `redriven ${id}${outcome.taskId ? ` (task ${String(outcome.taskId)})` : ''}`);
      return 0;
    }
    if (verb !== undefined) throw new CliUsageError(`syntor dlq has no command "${verb}" (it has redrive)\n\n${USAGE}`);
    const answer = await context.api.deadLetters();
    context.terminal.out(
      parsed.values.json
        ? JSON.stringify(answer)
        : table(
            ['ID', 'REASON', 'ORIGIN', 'TASK', 'FAILED', 'REDRIVES'],
            answer.deadLetters.map((d) => [d.id, d.reasonCode, `${d.origin.topic}/${d.origin.partition}@${d.origin.offset}`, d.taskId, ago(d.failedAt), d.redriveCount]),
          ),
    );
    return 0;
  },
};
