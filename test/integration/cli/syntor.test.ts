import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import workerAlpha from '../../../functions/worker-alpha/agent.js';
import { main } from '../../../cli/main.js';
import type { Terminal } from '../../../cli/output/terminal.js';
import { readMskEvent } from '../../../lib/kafka/msk/index.js';
import { startTestHarness, type TestHarness } from '../../../lib/testing/index.js';
import { resetState } from '../orchestration/support.js';

/** What a command printed, split as a person sees it: results on stdout, progress and problems on stderr. */
function capture(): Terminal & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), progress: (t) => void stderr.push(t), done: () => undefined };
}

let baseUrl: string;
async function syntor(...argv: string[]) {
  const terminal = capture();
  const code = await main(argv, { env: { SYNTOR_API_URL: baseUrl }, terminal, pollMs: 100 });
  return { code, stdout: terminal.stdout.join('\n'), stderr: terminal.stderr.join('\n') };
}

let harness: TestHarness;
beforeAll(async () => {
  // Agents other test files registered (some with compute) must not be routed this file's tasks.
  await resetState();
  harness = await startTestHarness({ agents: [coordination, workerAlpha], isolation: false });
  baseUrl = harness.baseUrl;
});
afterAll(() => harness?.stop());

describe('syntor, the CLI, against the harness', () => {
  it('submits a task and waits for its result, exit 0; --json gives the task as it ended', async () => {
    const waited = await syntor('submit', 'compute', '{"op":"sum","values":[1,2,39]}', '--wait');
    expect(waited).toMatchObject({ code: 0, stdout: JSON.stringify({ op: 'sum', result: 42 }, null, 2) });
    expect(waited.stderr).toMatch(/compute: completed/);

    const json = await syntor('submit', 'compute', '{"op":"sum","values":[1]}', '--wait', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ type: 'compute', status: 'completed', result: { result: 1 } });
  });

  it('exits 1 when the task ends dead, naming its error; the dead letter can be listed and redriven', async () => {
    const dead = await syntor('submit', 'compute', '{"op":"fibonacci","n":-1}', '--wait', '--json');
    expect(dead.code).toBe(1);
    const task = JSON.parse(dead.stdout) as { id: string; status: string; error: { code: string } };
    expect(task).toMatchObject({ status: 'dead', error: { message: 'compute: invalid input: n: must not be negative' } });
    expect((await syntor('task', task.id)).stdout).toMatch(/^error .*: compute: invalid input: n: must not be negative$/m);

    const letters = await syntor('dlq', '--json');
    const letter = (JSON.parse(letters.stdout) as { deadLetters: { id: string; taskId?: string }[] }).deadLetters.find((d) => d.taskId === task.id);
    expect(letter).toBeDefined();
    expect((await syntor('dlq')).stdout).toContain(letter!.id);
    expect(await syntor('dlq', 'redrive', letter!.id)).toMatchObject({ code: 0, stdout: `redriven ${letter!.id} (task ${task.id})` });
  });

  it('lists tasks and agents as tables or JSON, and shows a task with its history', async () => {
    const submitted = await syntor('submit', 'compute', '{"op":"count","values":[1,2]}', '--json');
    const { id } = JSON.parse(submitted.stdout) as { id: string };
    const watched = await syntor('task', id, '--watch');
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(new RegExp(`^${id}  compute  completed`));
    expect(watched.stdout).toMatch(/pending → assigned/);

    const listed = JSON.parse((await syntor('tasks', '--status', 'completed', '--limit', '5', '--json')).stdout) as { tasks: { id: string }[] };
    expect(listed.tasks.map((t) => t.id)).toContain(id);
    expect((await syntor('agents')).stdout).toMatch(/^AGENT\s+IN FLIGHT\s+CIRCUIT[\s\S]*worker-alpha\s+\d+\/\d+\s+closed/m);
  });

  it('runs a workflow to its end', async () => {
    const workflow = JSON.stringify({ steps: { a: { type: 'compute', payload: { op: 'sum', values: [2, 3] } }, b: { type: 'compute', dependsOn: ['a'], payload: { op: 'factorial', n: { $from: 'a.result.result' } } } } });
    const ran = await syntor('workflow', 'submit', workflow, '--wait', '--json');
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ status: 'completed', steps: [{ name: 'a', status: 'completed' }, { name: 'b', status: 'completed', result: { result: '120' } }] });
  });

  it('says what is wrong with a command line, exit 2, and what the API refused, exit 1', async () => {
    expect(await syntor('nosuch')).toMatchObject({ code: 2, stderr: expect.stringContaining('syntor has no command "nosuch"') });
    expect(await syntor('submit', 'compute', '--priority', 'urgent')).toMatchObject({ code: 2, stderr: expect.stringContaining('--priority expects low, normal, high, critical') });
    expect(await syntor('tasks', '--colour')).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--colour'") });
    expect(await syntor('submit', 'compute', '{not json')).toMatchObject({ code: 2, stderr: expect.stringContaining('payload must be JSON') });
    const refused = await syntor('submit', 'compute', '{"op":"sum"}', '--timeout-ms', '50');
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--timeout-ms expects a whole number from 100') });
    const unknown = await syntor('submit', 'nosuch.type');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('POST /tasks: 400 Invalid task submission\n  type: no registered agent runs "nosuch.type"; the types they run: compute, data.transform') });
    const workflow = await syntor('workflow', 'submit', JSON.stringify({ steps: { a: { type: 'compute' }, b: { type: 'nosuch.type', dependsOn: ['a'] } } }));
    expect(workflow).toMatchObject({ code: 1, stderr: expect.stringContaining('steps.b.type: no registered agent runs "nosuch.type"') });
    const cancelled = await syntor('cancel', '00000000-0000-4000-8000-000000000000');
    expect(cancelled).toMatchObject({ code: 1, stderr: expect.stringContaining('POST /tasks/00000000-0000-4000-8000-000000000000/cancel: 404') });
  });

  it('prints an MSK event the codec reads back', async () => {
    const printed = await syntor('event', 'kafka', '--topic', 'orders', '--partition', '2', '--offset', '7', '--key', 'k', '--value', '{"n":1}', '--header', 'trace=abc');
    const [record] = readMskEvent(JSON.parse(printed.stdout));
    expect(record).toMatchObject({ topic: 'orders', partition: 2, offset: '7' });
    expect(record!.key?.toString()).toBe('k');
    expect(record!.value?.toString()).toBe('{"n":1}');
    expect(record!.headers.map((h) => [h.key, h.value.toString()])).toEqual([['trace', 'abc']]);
  });

  it('invokes one function once with an event it printed, and names a function that does not exist', async () => {
    const tick = (await syntor('event', 'schedule', '--rule', 'cli-test')).stdout;
    const swept = await syntor('invoke', 'coordination/sweeper', '--event', tick, '--json');
    expect(swept.code).toBe(0);
    expect(JSON.parse(swept.stdout)).toMatchObject({ sweeps: expect.any(Number), requeued: expect.any(Number) });
    expect(swept.stderr).toMatch(/^coordination-sweeper: done in \d+ ms$/);
    expect(await syntor('invoke', 'coordination/nosuch')).toMatchObject({ code: 2, stderr: expect.stringContaining('agent "coordination" has no function "nosuch" (it has submit, api') });
  });

  it('runs as `npx syntor` (bin/syntor.js), with the exit code of the command', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['bin/syntor.js', 'tasks', '--limit', '1', '--json'], { env: { ...process.env, SYNTOR_API_URL: baseUrl } });
    expect(JSON.parse(stdout)).toHaveProperty('tasks');
    await expect(run(process.execPath, ['bin/syntor.js', 'submit'], { env: process.env })).rejects.toMatchObject({ code: 2 });
  });
});
