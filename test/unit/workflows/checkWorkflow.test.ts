import { describe, expect, it } from 'vitest';
import { checkWorkflow } from '../../../lib/workflows/checkWorkflow.js';

const cloneDocumentSearch = {
  name: 'document a repository',
  steps: {
    clone: { type: 'git.clone', payload: { url: 'http://127.0.0.1:9/repo.git' } },
    document: { type: 'docs.generate', dependsOn: ['clone'], payload: { path: { $from: 'clone.result.path' } } },
    search: { type: 'docs.search', dependsOn: ['document'], payload: { query: 'install', repository: { $from: 'clone.result.repository' } } },
  },
};

const errorsOf = (input: unknown) => {
  const check = checkWorkflow(input);
  return check.ok ? [] : check.errors;
};

describe('checkWorkflow', () => {
  it('accepts a chain whose steps read the results of steps they depend on, directly or not, and fills the defaults', () => {
    const check = checkWorkflow(cloneDocumentSearch);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.workflow.onFailure).toBe('fail-fast');
    expect(check.workflow.steps.clone).toMatchObject({ dependsOn: [], dynamic: false, priority: 5, maxRetries: 3 });
  });

  it('names a dependency on a step that does not exist, and lists the steps there are', () => {
    const errors = errorsOf({ steps: { a: { type: 'compute' }, b: { type: 'compute', dependsOn: ['c'] } } });
    expect(errors).toEqual([{ field: 'steps.b.dependsOn.0', message: 'names no step "c" (the steps are a, b)' }]);
  });

  it('refuses a cycle and shows it', () => {
    const errors = errorsOf({ steps: { a: { type: 'compute', dependsOn: ['c'] }, b: { type: 'compute', dependsOn: ['a'] }, c: { type: 'compute', dependsOn: ['b'] } } });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('the steps wait for each other in a cycle: a → c → b → a');
    expect(errors[0]!.field).toBe('steps.a.dependsOn');
  });

  it('refuses a step depending on itself or twice on the same step', () => {
    expect(errorsOf({ steps: { a: { type: 'compute', dependsOn: ['a'] } } })).toEqual([{ field: 'steps.a.dependsOn.0', message: 'a step cannot depend on itself' }]);
    expect(errorsOf({ steps: { a: { type: 'compute' }, b: { type: 'compute', dependsOn: ['a', 'a'] } } })).toEqual([{ field: 'steps.b.dependsOn.1', message: 'repeats "a"' }]);
  });

  it('refuses a reference to a step the step does not wait for, naming the field', () => {
    const errors = errorsOf({ steps: { a: { type: 'compute' }, b: { type: 'compute', payload: { values: { $from: 'a.result.values' } } } } });
    expect(errors).toEqual([{ field: 'steps.b.payload.values', message: 'reads step "a", which "b" does not depend on (add it to dependsOn)' }]);
  });

  it('refuses malformed references and children read from a step that is not dynamic', () => {
    const errors = errorsOf({
      steps: {
        a: { type: 'compute' },
        b: { type: 'compute', dependsOn: ['a'], payload: { x: { $from: 'a.output' }, y: { $from: 'a.result', extra: 1 }, z: [{ $from: 'a.children.0' }] } },
      },
    });
    expect(errors.map((e) => e.field)).toEqual(['steps.b.payload.x', 'steps.b.payload.y', 'steps.b.payload.z.0']);
    expect(errors[2]!.message).toBe('reads the children of "a", which is not a dynamic step');
  });

  it('names a bad step name, an unknown field and an empty workflow', () => {
    expect(errorsOf({ steps: { 'Not.Valid': { type: 'compute' } } })[0]!.field).toBe('steps.Not.Valid');
    expect(errorsOf({ steps: { a: { type: 'compute', retries: 2 } } })).toEqual([expect.objectContaining({ field: 'steps.a' })]);
    expect(errorsOf({ steps: {} })).toEqual([{ field: 'steps', message: 'a workflow needs at least one step' }]);
    expect(errorsOf({ steps: { a: { type: 'compute' } }, onFailure: 'panic' })[0]!.field).toBe('onFailure');
  });

  it('refuses secrets in a step payload, as a task submission does', () => {
    const errors = errorsOf({ steps: { push: { type: 'git.push', payload: { token: 'ghp_abc' } } } });
    expect(errors).toEqual([expect.objectContaining({ field: 'steps.push.payload.token' })]);
  });
});
