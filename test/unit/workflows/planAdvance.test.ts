import { describe, expect, it } from 'vitest';
import { planAdvance, type StepState, type WorkflowState } from '../../../lib/workflows/planAdvance.js';

const step = (name: string, overrides: Partial<StepState> = {}): StepState => ({
  name,
  status: 'waiting',
  spec: { type: 'compute', payload: {} },
  dependsOn: [],
  dynamic: false,
  expanded: false,
  ...overrides,
});

const workflow = (steps: StepState[], onFailure: WorkflowState['onFailure'] = 'fail-fast'): WorkflowState => ({ id: 'w', status: 'running', onFailure, steps });
const boom = { code: 'boom', message: 'it broke', retriable: false };

describe('planAdvance', () => {
  it('starts the steps that wait for nothing, and nothing else, when a workflow begins', () => {
    const plan = planAdvance(workflow([step('a'), step('b'), step('c', { dependsOn: ['a', 'b'] })]));
    expect(plan.start.map((s) => s.name)).toEqual(['a', 'b']);
    expect(plan.finish).toBeUndefined();
  });

  it('fans in: a step starts only when all its dependencies completed, with their results in its payload', () => {
    const waitingForB = planAdvance(
      workflow([step('a', { status: 'completed', result: { n: 1 } }), step('b', { status: 'started', taskId: 't-b' }), step('c', { dependsOn: ['a', 'b'] })]),
    );
    expect(waitingForB.start).toEqual([]);
    const both = planAdvance(
      workflow([
        step('a', { status: 'completed', result: { n: 1 } }),
        step('b', { status: 'completed', result: { n: 2 } }),
        step('c', { dependsOn: ['a', 'b'], spec: { type: 'compute', payload: { op: 'sum', values: [{ $from: 'a.result.n' }, { $from: 'b.result.n' }] } } }),
      ]),
    );
    expect(both.start).toEqual([{ name: 'c', submission: { type: 'compute', payload: { op: 'sum', values: [1, 2] } } }]);
  });

  it('finishes completed when every step completed', () => {
    expect(planAdvance(workflow([step('a', { status: 'completed' }), step('b', { status: 'completed', dependsOn: ['a'] })])).finish).toEqual({ status: 'completed' });
  });

  it('fail-fast: one dead step cancels the started tasks and the waiting steps, and names the step', () => {
    const plan = planAdvance(
      workflow([step('a', { status: 'failed', error: boom }), step('b', { status: 'started', taskId: 't-b' }), step('c', { dependsOn: ['a'] }), step('d')]),
    );
    expect(plan.start).toEqual([]);
    expect(plan.cancelTasks).toEqual(['t-b']);
    expect(plan.ended).toEqual([
      { name: 'b', status: 'cancelled' },
      { name: 'c', status: 'cancelled' },
      { name: 'd', status: 'cancelled' },
    ]);
    expect(plan.finish?.status).toBe('failed');
    expect(plan.finish?.error?.message).toBe('step "a" failed (boom: it broke)');
  });

  it('continue: skips what depends on the dead step and runs the independent branch to the end', () => {
    const running = planAdvance(
      workflow([step('a', { status: 'failed', error: boom }), step('b', { dependsOn: ['a'] }), step('c', { dependsOn: ['b'] }), step('x', { status: 'completed' }), step('y', { dependsOn: ['x'] })], 'continue'),
    );
    expect(running.ended).toEqual([
      { name: 'b', status: 'skipped' },
      { name: 'c', status: 'skipped' },
    ]);
    expect(running.start.map((s) => s.name)).toEqual(['y']);
    expect(running.finish).toBeUndefined();

    const done = planAdvance(workflow([step('a', { status: 'failed', error: boom }), step('b', { status: 'skipped', dependsOn: ['a'] }), step('x', { status: 'completed' })], 'continue'));
    expect(done.finish?.status).toBe('failed');
    expect(done.finish?.error?.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['a:failed', 'b:skipped']);
  });

  it('fails a step whose reference is not in the result, naming the field, instead of starting it', () => {
    const plan = planAdvance(
      workflow([step('a', { status: 'completed', result: { other: 1 } }), step('b', { dependsOn: ['a'], spec: { type: 'compute', payload: { v: { $from: 'a.result.path' } } } })]),
    );
    expect(plan.start).toEqual([]);
    expect(plan.ended[0]).toMatchObject({ name: 'b', status: 'failed', error: { code: 'workflow-reference-unresolved', message: 'payload.v: a.result.path is not in the output of step "a"' } });
    expect(plan.finish?.status).toBe('failed');
  });

  it('expands a completed dynamic step into its children, started at once, and holds its dependents until they complete', () => {
    const dynamic = step('split', { status: 'completed', dynamic: true, result: { children: [{ type: 'compute', payload: { v: 1 } }, { type: 'compute', payload: { v: 2 } }] } });
    const plan = planAdvance(workflow([dynamic, step('join', { dependsOn: ['split'], spec: { type: 'compute', payload: { all: { $from: 'split.children' } } } })]));
    expect(plan.expanded).toEqual(['split']);
    expect(plan.added.map((s) => `${s.name}<${s.parent}`)).toEqual(['split/0<split', 'split/1<split']);
    expect(plan.start.map((s) => s.name)).toEqual(['split/0', 'split/1']);

    const childrenDone = planAdvance(
      workflow([
        { ...dynamic, expanded: true },
        step('split/0', { status: 'completed', parent: 'split', result: 1 }),
        step('split/1', { status: 'completed', parent: 'split', result: 2 }),
        step('join', { dependsOn: ['split'], spec: { type: 'compute', payload: { all: { $from: 'split.children' } } } }),
      ]),
    );
    expect(childrenDone.start).toEqual([{ name: 'join', submission: { type: 'compute', payload: { all: [1, 2] } } }]);
  });

  it('fails a dynamic step whose result lists no valid children', () => {
    const plan = planAdvance(workflow([step('split', { status: 'completed', dynamic: true, result: { children: [{ payload: {} }] } })]));
    expect(plan.ended[0]).toMatchObject({ name: 'split', status: 'failed', error: { code: 'workflow-children-invalid' } });
    expect(plan.ended[0]!.error!.message).toContain('result.children.0.type');
  });

  it('treats a step whose task was cancelled as a failure of the workflow', () => {
    const plan = planAdvance(workflow([step('a', { status: 'cancelled' }), step('b', { dependsOn: ['a'] })]));
    expect(plan.finish?.error?.message).toBe('step "a" was cancelled');
  });

  it('plans nothing for a workflow that has ended: a late completion moves nothing', () => {
    const plan = planAdvance({ ...workflow([step('a', { status: 'completed' }), step('b', { dependsOn: ['a'] })]), status: 'cancelled' });
    expect(plan).toEqual({ start: [], added: [], expanded: [], ended: [], cancelTasks: [] });
  });
});
