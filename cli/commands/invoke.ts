import { functionId } from '../../lib/manifest/defineAgent.js';
import { runInScope } from '../../lib/manifest/invocationScope.js';
import { producedTopics } from '../../lib/manifest/producedTopics.js';
import { harnessEnvelopeKeys, loadMasterKey } from '../../local/harness/envelopeKeys.js';
import { createLambdaContext } from '../../local/harness/lambdaContext.js';
import { loadHandler } from '../../local/harness/loadHandler.js';
import { parseCommand, positionals, type Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { readJsonArgument } from '../input.js';

const USAGE = `Usage: syntor invoke <agent>/<function> [--event JSON | @file] [--json]

Invokes one handler once, in this process, as the harness does: its manifest's environment set, a
Lambda-like context (its memory and timeout), writing only to the topics it declares, signing as its
agent, against the services of the configuration (SYNTOR_*). Prints its result; exit 1 when it throws.
The event defaults to {}; \`syntor event kafka|schedule|http …\` prints real ones.

Example: syntor event schedule > tick.json && syntor invoke coordination/sweeper --event @tick.json`;

export const invoke: Command = {
  name: 'invoke',
  summary: 'invoke one function of an agent once with an event',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, { event: { type: 'string' } }, invoke, context.terminal);
    if (!parsed) return 0;
    const [target] = positionals(parsed.positionals, ['agent/function'], USAGE);
    const [agentName, fnName] = target!.split('/');
    const { agents } = await import('../../functions/index.js');
    const agent = agents.find((a) => a.name === agentName);
    if (!agent) throw new CliUsageError(`no agent "${agentName}" (there are ${agents.map((a) => a.name).join(', ')})`);
    const fn = agent.functions.find((f) => f.name === fnName);
    if (!fn) throw new CliUsageError(`agent "${agent.name}" has no function "${fnName ?? ''}" (it has ${agent.functions.map((f) => f.name).join(', ')})`);
    const event = parsed.values.event === undefined ? {} : readJsonArgument(parsed.values.event, '--event');

    Object.assign(process.env, fn.environment);
    const handler = await loadHandler(functionId(agent, fn), fn);
    const envelope = harnessEnvelopeKeys(await loadMasterKey()).authFor(agent.name);
    const lambdaContext = createLambdaContext({ functionName: functionId(agent, fn), memoryMb: fn.memoryMb, deadline: Date.now() + fn.timeoutSeconds * 1000 });
    const started = performance.now();
    try {
      const result = await runInScope({ functionId: functionId(agent, fn), produces: producedTopics(fn), envelope }, () => handler(event, lambdaContext));
      context.terminal.err(`${functionId(agent, fn)}: done in ${(performance.now() - started).toFixed(0)} ms`);
      context.terminal.out(JSON.stringify(result ?? null, null, parsed.values.json ? undefined : 2));
      return 0;
    } catch (error) {
      context.terminal.err(`${functionId(agent, fn)}: failed after ${(performance.now() - started).toFixed(0)} ms: ${(error as Error).name}: ${(error as Error).message}`);
      return 1;
    }
  },
};
