import { parseCommand, positionals, type Command } from '../command.js';
import { table } from '../output/table.js';

const USAGE = `Usage: syntor agents [--json]

The registered agents (GET /agents): capabilities, concurrency and tasks in flight, circuit, live instances.`;

export const agents: Command = {
  name: 'agents',
  summary: 'list the registered agents',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, {}, agents, context.terminal);
    if (!parsed) return 0;
    positionals(parsed.positionals, [], USAGE);
    const answer = await context.api.agents();
    context.terminal.out(
      parsed.values.json
        ? JSON.stringify(answer)
        : table(
            ['AGENT', 'IN FLIGHT', 'CIRCUIT', 'INSTANCES', 'CAPABILITIES'],
            answer.agents.map((a) => [a.name, `${a.inFlight}/${a.concurrency}`, a.circuitState, a.instances.length, a.capabilities.join(', ')]),
          ),
    );
    return 0;
  },
};
