import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessage, type WorkflowSubmission, type WorkflowView } from '../../../lib/contracts/index.js';
import { answerServiceRequests, cancelWorkflow, getDeps, recordCompletions, submitWorkflow, sweep, type Deps } from '../../../lib/orchestration/index.js';
import { checkWorkflow } from '../../../lib/workflows/checkWorkflow.js';
import { resetState } from './support.js';

// No agent is registered: each step's task stays pending until a test plays the agent, which makes
// every transition of a workflow happen exactly when the story says.
const AGENT = 'it-workflow-agent';
/** Who reports, as a worker instance does. */
const REPORTER = { agent: AGENT, instanceId: 'it-1', durationMs: 1 };
let deps: Deps;

beforeAll(async () => {
  await resetState();
  deps = await getDeps();
});
afterAll(async () => {
  await resetState();
});

async function submit(input: WorkflowSubmission): Promise<WorkflowView> {
  const check = checkWorkflow(input);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return (await submitWorkflow(deps, check.workflow, 'it', 'it-user')).workflow;
}

const view = async (id: string) => (await deps.workflows.get(id))!;
const stepOf = async (id: string, name: string) => (await view(id)).steps.find((s) => s.name === name)!;
const statuses = async (id: string) => Object.fromEntries((await view(id)).steps.map((s) => [s.name, s.status]));

/** Plays the agent: takes the step's task as its next attempt, then reports `outcome`. */
async function finish(workflowId: string, step: string, outcome: { result: unknown } | { error: { code: string; message: string; retriable: boolean } }) {
  const { taskId } = await stepOf(workflowId, step);
  const { rows } = await deps.pool.query<{ attempt: number }>(
    `UPDATE tasks SET status = 'assigned', attempt = attempt + 1, assigned_agent = $2, lease_expires_at = now() + interval '1 hour' WHERE id = $1 AND status = 'pending' RETURNING attempt`,
    [taskId, AGENT],
  );
  const attempt = rows[0]!.attempt;
  const report = 'result' in outcome ? { outcome: 'success' as const, result: outcome.result } : { outcome: 'failure' as const, error: outcome.error };
  await recordCompletions(deps, [{ taskId: taskId!, attempt, ...REPORTER, ...report }]);
  return { taskId: taskId!, attempt, report };
}

const compute = (extra: Record<string, unknown> = {}) => ({ type: 'compute', requiredCapabilities: ['it-nobody'], maxRetries: 0, ...extra });
const fatal = { error: { code: 'boom', message: 'it broke', retriable: false } };

describe('a workflow runs its steps in dependency order, each step a task', () => {
  it('fans out and in: the join starts once both branches completed, with their results in its payload', async () => {
    const wf = await submit({
      steps: {
        a: compute({ payload: { op: 'sum', values: [1] } }),
        b: compute({ payload: { op: 'sum', values: [2] } }),
        join: compute({ dependsOn: ['a', 'b'], payload: { op: 'sum', values: [{ $from: 'a.result.value' }, { $from: 'b.result.value' }] } }),
      },
    });
    expect(wf.status).toBe('running');
    expect(await statuses(wf.id)).toEqual({ a: 'started', b: 'started', join: 'waiting' });

    await finish(wf.id, 'a', { result: { value: 1 } });
    expect((await stepOf(wf.id, 'join')).status).toBe('waiting');
    await finish(wf.id, 'b', { result: { value: 2 } });

    const join = await stepOf(wf.id, 'join');
    expect(join.status).toBe('started');
    expect((await deps.tasks.get(join.taskId!))!.payload).toEqual({ op: 'sum', values: [1, 2] });
    await finish(wf.id, 'join', { result: { value: 3 } });

    const done = await view(wf.id);
    expect(done).toMatchObject({ status: 'completed', finishedAt: expect.any(String) });
    expect(done.steps.map((s) => [s.name, s.status, s.taskStatus])).toEqual([
      ['a', 'completed', 'completed'],
      ['b', 'completed', 'completed'],
      ['join', 'completed', 'completed'],
    ]);
    expect(done.steps[2]).toMatchObject({ result: { value: 3 }, startedAt: expect.any(String), finishedAt: expect.any(String) });
    // The steps' tasks are the submitter's, each with the step it runs in its history.
    const task = (await deps.tasks.get(done.steps[0]!.taskId!))!;
    expect(task.submittedBy).toBe('it-user');
    expect((await deps.tasks.events(task.id))[0]!.detail).toMatchObject({ workflow: wf.id, step: 'a' });
  });

  it('ignores a duplicate and a late completion: the next step is created once', async () => {
    const wf = await submit({ steps: { first: compute(), second: compute({ dependsOn: ['first'] }) } });
    const { taskId, attempt, report } = await finish(wf.id, 'first', { result: { ok: true } });
    const second = await stepOf(wf.id, 'second');
    await recordCompletions(deps, [{ taskId, attempt, ...REPORTER, ...report }]);
    await recordCompletions(deps, [{ taskId, attempt: attempt - 1 || 1, ...REPORTER, outcome: 'failure', error: fatal.error }]);
    const { rows } = await deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM workflow_steps s JOIN tasks t ON t.id = s.task_id WHERE s.workflow_id = $1`, [wf.id]);
    expect(rows[0]!.n).toBe(2);
    expect(await stepOf(wf.id, 'second')).toMatchObject({ status: 'started', taskId: second.taskId });
    expect((await stepOf(wf.id, 'first')).status).toBe('completed');
  });

  it('fail-fast: a dead step fails the workflow, naming it, and cancels the branch still running', async () => {
    const wf = await submit({ steps: { bad: compute(), slow: compute(), after: compute({ dependsOn: ['bad', 'slow'] }) } });
    const slow = await stepOf(wf.id, 'slow');
    await finish(wf.id, 'bad', fatal);

    const failed = await view(wf.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ message: 'step "bad" failed (boom: it broke)' });
    expect(await statuses(wf.id)).toEqual({ bad: 'failed', slow: 'cancelled', after: 'cancelled' });
    expect((await deps.tasks.get(slow.taskId!))!.status).toBe('cancelled');
    expect((await stepOf(wf.id, 'bad')).error).toMatchObject({ code: 'boom' });
  });

  it('continue: the independent branch runs to the end, what depends on the dead step is skipped', async () => {
    const wf = await submit({ onFailure: 'continue', steps: { bad: compute(), then: compute({ dependsOn: ['bad'] }), other: compute(), last: compute({ dependsOn: ['other'] }) } });
    await finish(wf.id, 'bad', fatal);
    expect(await statuses(wf.id)).toEqual({ bad: 'failed', then: 'skipped', other: 'started', last: 'waiting' });
    expect((await view(wf.id)).status).toBe('running');
    await finish(wf.id, 'other', { result: {} });
    await finish(wf.id, 'last', { result: {} });
    const done = await view(wf.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ steps: [{ name: 'bad', status: 'failed' }, { name: 'then', status: 'skipped' }] });
    expect(await statuses(wf.id)).toEqual({ bad: 'failed', then: 'skipped', other: 'completed', last: 'completed' });
  });

  it('retries a failed step by its own settings before the workflow hears of it', async () => {
    const wf = await submit({ steps: { flaky: compute({ maxRetries: 1 }), next: compute({ dependsOn: ['flaky'] }) } });
    await finish(wf.id, 'flaky', { error: { code: 'flaky', message: 'try again', retriable: true } });
    expect((await stepOf(wf.id, 'flaky')).status).toBe('started');
    await deps.pool.query(`UPDATE tasks SET available_at = now() WHERE id = $1`, [(await stepOf(wf.id, 'flaky')).taskId]);
    await finish(wf.id, 'flaky', { result: { ok: 1 } });
    expect(await statuses(wf.id)).toEqual({ flaky: 'completed', next: 'started' });
    expect((await stepOf(wf.id, 'flaky')).attempt).toBe(2);
  });

  it('cancelling a workflow cancels its running and pending steps; a second cancel is refused', async () => {
    const wf = await submit({ steps: { a: compute(), b: compute(), c: compute({ dependsOn: ['a'] }) } });
    const a = await stepOf(wf.id, 'a');
    await deps.pool.query(`UPDATE tasks SET status = 'running', attempt = 1, assigned_agent = $2 WHERE id = $1`, [a.taskId, AGENT]);
    const outcome = await cancelWorkflow(deps, wf.id, 'it');
    expect(outcome.applied).toBe(true);
    expect(await statuses(wf.id)).toEqual({ a: 'cancelled', b: 'cancelled', c: 'cancelled' });
    expect((await deps.tasks.get(a.taskId!))!.status).toBe('cancelled');
    expect((await view(wf.id)).status).toBe('cancelled');
    // The agent's late report of the cancelled attempt changes nothing.
    await recordCompletions(deps, [{ taskId: a.taskId!, attempt: 1, ...REPORTER, outcome: 'success', result: {} }]);
    expect((await stepOf(wf.id, 'a')).status).toBe('cancelled');
    expect(await cancelWorkflow(deps, wf.id, 'it')).toEqual({ applied: false, status: 'cancelled' });
  });

  it('a dynamic step lists children; its dependents wait for all of them and read their results', async () => {
    const wf = await submit({
      steps: {
        split: compute({ dynamic: true }),
        join: compute({ dependsOn: ['split'], payload: { parts: { $from: 'split.children' } } }),
      },
    });
    await finish(wf.id, 'split', { result: { children: [compute({ payload: { part: 1 } }), compute({ payload: { part: 2 } })] } });
    expect(await statuses(wf.id)).toEqual({ split: 'completed', join: 'waiting', 'split/0': 'started', 'split/1': 'started' });
    await finish(wf.id, 'split/1', { result: 'two' });
    await finish(wf.id, 'split/0', { result: 'one' });
    const join = await stepOf(wf.id, 'join');
    expect((await deps.tasks.get(join.taskId!))!.payload).toEqual({ parts: ['one', 'two'] });
    expect((await stepOf(wf.id, 'split/0')).parent).toBe('split');
  });

  it('a step task cancelled on its own fails the workflow when the sweeper looks', async () => {
    const wf = await submit({ steps: { lone: compute(), next: compute({ dependsOn: ['lone'] }) } });
    const lone = await stepOf(wf.id, 'lone');
    await deps.tasks.transition(lone.taskId!, { to: 'cancelled', from: ['pending'], actor: 'it' });
    await sweep(deps, 'it-sweeper');
    expect(await view(wf.id)).toMatchObject({ status: 'failed', error: { message: 'step "lone" was cancelled' } });
  });

  it('returns the same workflow for a repeated idempotency key, and lists workflows by status', async () => {
    const first = await submit({ idempotencyKey: 'wf-key', steps: { a: compute() } });
    const check = checkWorkflow({ idempotencyKey: 'wf-key', steps: { a: compute() } });
    const again = await submitWorkflow(deps, check.ok ? check.workflow : (undefined as never), 'it', 'it-user');
    expect(again).toMatchObject({ created: false, workflow: { id: first.id } });
    const running = await deps.workflows.list({ status: 'running', submittedBy: 'it-user' });
    expect(running.map((w) => w.id)).toContain(first.id);
    expect(running[0]).not.toHaveProperty('steps');
  });
});

describe('workflow.submit on syntor.services.request', () => {
  it('creates the workflow as the sending agent\'s, and refuses a bad graph without creating anything', async () => {
    const request = (params: Record<string, unknown>) => ({ message: createMessage('service.request', { operation: 'workflow.submit', params }, { source: 'it-requester', target: 'coordination' }) });
    const before = await deps.workflows.list({ submittedBy: 'kafka:it-requester' });
    await answerServiceRequests(deps, [request({ name: 'from kafka', steps: { only: compute() } }), request({ steps: { a: compute({ dependsOn: ['nope'] }) } })]);
    const after = await deps.workflows.list({ submittedBy: 'kafka:it-requester' });
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ name: 'from kafka', status: 'running', submittedBy: 'kafka:it-requester' });
  });
});
