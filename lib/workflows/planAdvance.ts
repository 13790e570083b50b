import {
  submissionProblems,
  workflowChildrenSchema,
  fieldErrorsOf,
  type ErrorInfo,
  type TaskSubmission,
  type WorkflowFailurePolicy,
  type WorkflowStatus,
  type WorkflowStepStatus,
} from '../contracts/index.js';
import { resolveReferences, type StepOutput } from './references.js';

/** A step's task as submitted: `$from` references still in its payload until it starts. */
export type StepSpec = Omit<TaskSubmission, 'idempotencyKey'> & { payload: Record<string, unknown> };

/** One step as the planner sees it: its state and, once it ended, its task's result or error. */
export interface StepState {
  name: string;
  status: WorkflowStepStatus;
  spec: StepSpec;
  dependsOn: readonly string[];
  dynamic: boolean;
  expanded: boolean;
  parent?: string;
  taskId?: string;
  result?: unknown;
  error?: ErrorInfo;
}

export interface WorkflowState {
  id: string;
  status: WorkflowStatus;
  onFailure: WorkflowFailurePolicy;
  steps: readonly StepState[];
}

/** What the store does to move one workflow on, all in the transaction that ended its tasks. */
export interface AdvancePlan {
  /** Steps whose task is created now, with their references resolved. */
  start: { name: string; submission: StepSpec }[];
  /** Children of dynamic steps, created waiting (and started at once when in `start`). */
  added: StepState[];
  /** Dynamic steps whose children were created. */
  expanded: string[];
  /** Steps that end without (more of) their task: failed, skipped or cancelled. */
  ended: { name: string; status: 'failed' | 'skipped' | 'cancelled'; error?: ErrorInfo }[];
  /** Tasks of started steps to cancel (fail-fast, after another step failed). */
  cancelTasks: string[];
  finish?: { status: 'completed' | 'failed'; error?: WorkflowFailure };
}

export interface WorkflowFailure {
  message: string;
  steps: { name: string; status: WorkflowStepStatus; error?: ErrorInfo }[];
}

const UNSUCCESSFUL: readonly WorkflowStepStatus[] = ['failed', 'skipped', 'cancelled'];

/**
 * Decides what follows from a workflow's current step states, without side effects: create the
 * children a completed dynamic step listed, start every waiting step whose dependencies all completed
 * (resolving its `$from` references), and apply the failure policy — `fail-fast` cancels everything
 * not finished once a step failed, `continue` skips only what depends on it. The workflow finishes
 * when no step is waiting or started.
 */
export function planAdvance(workflow: WorkflowState): AdvancePlan {
  const plan: AdvancePlan = { start: [], added: [], expanded: [], ended: [], cancelTasks: [] };
  if (workflow.status !== 'running') return plan;
  const steps = new Map(workflow.steps.map((s) => [s.name, { ...s }]));
  const end = (step: StepState, status: 'failed' | 'skipped' | 'cancelled', error?: ErrorInfo) => {
    step.status = status;
    if (error) step.error = error;
    plan.ended.push({ name: step.name, status, ...(error ? { error } : {}) });
  };

  for (const step of steps.values()) if (step.dynamic && step.status === 'completed' && !step.expanded) expand(step, steps, plan, end);

  const childrenOf = (name: string) => [...steps.values()].filter((s) => s.parent === name);
  const outcomeOf = (step: StepState): 'done' | 'blocked' | 'unsuccessful' => {
    if (UNSUCCESSFUL.includes(step.status)) return 'unsuccessful';
    if (step.status !== 'completed') return 'blocked';
    if (!step.dynamic) return 'done';
    const outcomes = childrenOf(step.name).map(outcomeOf);
    return outcomes.includes('unsuccessful') ? 'unsuccessful' : outcomes.includes('blocked') ? 'blocked' : 'done';
  };
  const outputOf = (name: string): StepOutput | undefined => {
    const step = steps.get(name);
    return step && { result: step.result, children: childrenOf(name).map((c) => c.result) };
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const step of steps.values()) {
      if (step.status !== 'waiting') continue;
      const outcomes = step.dependsOn.map((d) => outcomeOf(steps.get(d)!));
      if (outcomes.includes('unsuccessful')) {
        if (workflow.onFailure === 'continue') end(step, 'skipped');
        else continue;
      } else if (outcomes.every((o) => o === 'done')) {
        const resolved = resolveReferences(step.spec.payload, outputOf);
        if (resolved.ok) {
          step.status = 'started';
          plan.start.push({ name: step.name, submission: { ...step.spec, payload: resolved.payload } });
        } else {
          end(step, 'failed', { code: 'workflow-reference-unresolved', message: `${resolved.problem.field}: ${resolved.problem.message}`, retriable: false });
        }
      } else continue;
      changed = true;
    }
  }

  const failed = [...steps.values()].filter((s) => s.status === 'failed' || s.status === 'cancelled');
  if (failed.length > 0 && workflow.onFailure === 'fail-fast') {
    const starting = new Set(plan.start.map((s) => s.name));
    plan.start = [];
    for (const step of steps.values()) {
      if (step.status === 'waiting' || starting.has(step.name)) end(step, 'cancelled');
      else if (step.status === 'started') {
        if (step.taskId) plan.cancelTasks.push(step.taskId);
        end(step, 'cancelled');
      }
    }
  }

  const open = [...steps.values()].some((s) => s.status === 'waiting' || s.status === 'started');
  if (!open) {
    const unsuccessful = [...steps.values()].filter((s) => UNSUCCESSFUL.includes(s.status));
    plan.finish = unsuccessful.length === 0 ? { status: 'completed' } : { status: 'failed', error: failureOf(unsuccessful, failed) };
  }
  return plan;
}

/** A completed dynamic step's children as new steps; a result that lists none validly fails the step. */
function expand(step: StepState, steps: Map<string, StepState>, plan: AdvancePlan, end: (s: StepState, status: 'failed', error: ErrorInfo) => void): void {
  const parsed = workflowChildrenSchema.safeParse(step.result);
  const problems = parsed.success
    ? parsed.data.children.flatMap((child, i) => submissionProblems(child, `result.children.${i}`))
    : fieldErrorsOf(parsed.error).map((e) => ({ ...e, field: `result.${e.field}` }));
  if (!parsed.success || problems.length > 0) {
    end(step, 'failed', { code: 'workflow-children-invalid', message: `dynamic step "${step.name}" did not list valid children: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, retriable: false, details: problems });
    return;
  }
  step.expanded = true;
  plan.expanded.push(step.name);
  parsed.data.children.forEach((child, i) => {
    const added: StepState = { name: `${step.name}/${i}`, status: 'waiting', spec: child as StepSpec, dependsOn: [], dynamic: false, expanded: false, parent: step.name };
    steps.set(added.name, added);
    plan.added.push(added);
  });
}

function failureOf(unsuccessful: readonly StepState[], failed: readonly StepState[]): WorkflowFailure {
  const cause = failed[0] ?? unsuccessful[0]!;
  const reason = cause.error ? ` (${cause.error.code}: ${cause.error.message})` : '';
  return {
    message: `step "${cause.name}" ${cause.status === 'cancelled' ? 'was cancelled' : 'failed'}${reason}`,
    steps: unsuccessful.map((s) => ({ name: s.name, status: s.status, ...(s.error ? { error: s.error } : {}) })),
  };
}
