import { TASK_PRIORITY } from '../../lib/contracts/index.js';
import { parseCommand, positionals, type Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { readJsonObject, wholeNumber } from '../input.js';
import { exitCodeOf, taskLine, watchTask } from '../watchTask.js';

const USAGE = `Usage: syntor submit <type> [payload] [options]

Submits a task (POST /tasks). payload is JSON inline or @file (@- reads stdin); default {}.

Options:
  --priority P          low, normal, high, critical or 1, 5, 10, 15 (default normal)
  --capability C        a capability the agent must have besides the type (repeatable)
  --timeout-ms N        the task's timeout (default 60000)
  --max-retries N       retries after a failed attempt (default 3)
  --delay-ms N          keep it pending this long first
  --run-at ISO          keep it pending until then (e.g. 2026-12-08T09:00:00Z)
  --idempotency-key K   submitting the same key again returns the same task
  --wait                follow the task until it ends (a progress line on stderr); exit 0 when it
                        completed, 1 when it ended otherwise (dead, cancelled)
  --json                print the API's answer (with --wait: the task as it ended) as JSON
  -h, --help            this text

Example: syntor submit compute '{"op":"sum","values":[1,2]}' --wait`;

function priorityOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (raw in TASK_PRIORITY) return TASK_PRIORITY[raw as keyof typeof TASK_PRIORITY];
  const value = Number(raw);
  if ((Object.values(TASK_PRIORITY) as number[]).includes(value)) return value;
  throw new CliUsageError(`--priority expects low, normal, high, critical or 1, 5, 10, 15; got "${raw}"`);
}

export const submit: Command = {
  name: 'submit',
  summary: 'submit a task, optionally waiting for it to end',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(
      argv,
      {
        priority: { type: 'string' },
        capability: { type: 'string', multiple: true },
        'timeout-ms': { type: 'string' },
        'max-retries': { type: 'string' },
        'delay-ms': { type: 'string' },
        'run-at': { type: 'string' },
        'idempotency-key': { type: 'string' },
        wait: { type: 'boolean' },
      },
      submit,
      context.terminal,
    );
    if (!parsed) return 0;
    const { values } = parsed;
    const [type, payload] = positionals(parsed.positionals, ['type'], USAGE, ['payload']);
    const submission = Object.fromEntries(
      Object.entries({
        type,
        payload: payload === undefined ? undefined : readJsonObject(payload, 'payload'),
        priority: priorityOf(values.priority),
        requiredCapabilities: values.capability,
        timeoutMs: wholeNumber('--timeout-ms', values['timeout-ms'], 100, 900_000),
        maxRetries: wholeNumber('--max-retries', values['max-retries'], 0, 20),
        delayMs: wholeNumber('--delay-ms', values['delay-ms'], 0, Number.MAX_SAFE_INTEGER),
        runAt: values['run-at'],
        idempotencyKey: values['idempotency-key'],
      }).filter(([, v]) => v !== undefined),
    );
    const answer = await context.api.submitTask(submission);
    if (!values.wait) {
      context.terminal.out(values.json ? JSON.stringify(answer) : `${answer.created ? 'submitted' : 'already submitted'} ${answer.id} (${answer.status})`);
      return 0;
    }
    const task = await watchTask(answer.id, context);
    context.terminal.out(values.json ? JSON.stringify(task) : task.status === 'completed' ? JSON.stringify(task.result ?? null, null, 2) : taskLine(task));
    return exitCodeOf(task);
  },
};
