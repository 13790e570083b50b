import { fieldErrorsOf, submissionProblems, workflowSubmissionSchema, type FieldError, type ParsedWorkflow } from '../contracts/index.js';
import { ancestorsOf, findCycle } from './graph.js';
import { findReferences } from './references.js';

export type WorkflowCheck = { ok: true; workflow: ParsedWorkflow } | { ok: false; errors: FieldError[] };

/**
 * Validates a workflow submission and names each invalid field: its shape (as a task's), then the
 * graph — a dependency on no step, a cycle, a `$from` reading a step the step does not wait for —
 * and each step as a task (payload size limit, secrets sent in the clear, timing).
 */
export function checkWorkflow(input: unknown): WorkflowCheck {
  const parsed = workflowSubmissionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const workflow = parsed.data;
  const errors = [...graphErrors(workflow), ...stepErrors(workflow)];
  return errors.length === 0 ? { ok: true, workflow } : { ok: false, errors };
}

function graphErrors(workflow: ParsedWorkflow): FieldError[] {
  const names = Object.keys(workflow.steps);
  const errors: FieldError[] = [];
  for (const [name, step] of Object.entries(workflow.steps)) {
    step.dependsOn.forEach((dependency, i) => {
      const field = `steps.${name}.dependsOn.${i}`;
      if (dependency === name) errors.push({ field, message: 'a step cannot depend on itself' });
      else if (!(dependency in workflow.steps)) errors.push({ field, message: `names no step "${dependency}" (the steps are ${names.join(', ')})` });
      else if (step.dependsOn.indexOf(dependency) !== i) errors.push({ field, message: `repeats "${dependency}"` });
    });
  }
  if (errors.length > 0) return errors;
  const graph = new Map(Object.entries(workflow.steps).map(([name, step]) => [name, step.dependsOn]));
  const cycle = findCycle(graph);
  if (cycle) return [{ field: `steps.${cycle[0]}.dependsOn`, message: `the steps wait for each other in a cycle: ${cycle.join(' → ')}` }];

  for (const [name, step] of Object.entries(workflow.steps)) {
    const { references, problems } = findReferences(step.payload, `steps.${name}.payload`);
    errors.push(...problems);
    const ancestors = ancestorsOf(graph, name);
    for (const reference of references) {
      const source = workflow.steps[reference.step];
      if (!source) errors.push({ field: reference.field, message: `reads step "${reference.step}", which does not exist` });
      else if (!ancestors.has(reference.step)) errors.push({ field: reference.field, message: `reads step "${reference.step}", which "${name}" does not depend on (add it to dependsOn)` });
      else if (reference.source === 'children' && !source.dynamic) errors.push({ field: reference.field, message: `reads the children of "${reference.step}", which is not a dynamic step` });
    }
  }
  return errors;
}

function stepErrors(workflow: ParsedWorkflow): FieldError[] {
  return Object.entries(workflow.steps).flatMap(([name, step]) => submissionProblems(step, `steps.${name}`));
}
