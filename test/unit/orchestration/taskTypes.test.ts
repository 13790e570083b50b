import { describe, expect, it } from 'vitest';
import { checkWorkflow } from '../../../lib/workflows/checkWorkflow.js';
import { checkTaskTypes, knownTaskTypes, unknownTypeErrors, workflowTypes } from '../../../lib/orchestration/taskTypes.js';

const registry = (...agents: string[][]) => ({ list: async () => agents.map((capabilities) => ({ capabilities })) });

describe('task types', () => {
  it('refuses a type no registered agent runs, listing those they do', async () => {
    const known = await knownTaskTypes(registry(['compute', 'data.transform'], ['docs.search']));
    expect(unknownTypeErrors(known, [{ field: 'type', type: 'nosuch' }, { field: 'type', type: 'compute' }])).toEqual([
      { field: 'type', message: 'no registered agent runs "nosuch"; the types they run: compute, data.transform, docs.search' },
    ]);
  });

  it('refuses nothing while no agent has registered: the task waits for the first', async () => {
    expect(unknownTypeErrors(await knownTaskTypes(registry()), [{ field: 'type', type: 'nosuch' }])).toEqual([]);
  });

  it('names a workflow step by its field', () => {
    const check = checkWorkflow({ steps: { clone: { type: 'git.clone' }, oops: { type: 'git.clown', dependsOn: ['clone'] } } });
    if (!check.ok) throw new Error('the workflow is valid');
    expect(unknownTypeErrors(new Set(['git.clone']), workflowTypes(check.workflow))).toEqual([
      { field: 'steps.oops.type', message: 'no registered agent runs "git.clown"; the types they run: git.clone' },
    ]);
  });

  it('asks the registry again only for a type it has not listed lately, so a refusal is always fresh', async () => {
    const agents = [['compute']];
    let asked = 0;
    const counting = { list: async () => ((asked += 1), agents.map((capabilities) => ({ capabilities }))) };
    const at = 1_000_000;
    expect(await checkTaskTypes(counting, [{ field: 'type', type: 'compute' }], at)).toEqual([]);
    expect(await checkTaskTypes(counting, [{ field: 'type', type: 'compute' }], at + 5_000)).toEqual([]);
    expect(asked).toBe(1);
    // An agent registered meanwhile: its type is not refused on the stale list.
    agents.push(['greet']);
    expect(await checkTaskTypes(counting, [{ field: 'type', type: 'greet' }], at + 6_000)).toEqual([]);
    expect(asked).toBe(2);
    expect(await checkTaskTypes(counting, [{ field: 'type', type: 'compute' }], at + 30_000)).toEqual([]);
    expect(asked).toBe(3);
  });
});
