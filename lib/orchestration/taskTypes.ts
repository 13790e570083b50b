import type { FieldError, ParsedWorkflow } from '../contracts/index.js';

/** The part of the agent registry this needs. */
export interface RegisteredCapabilities {
  list(): Promise<ReadonlyArray<{ capabilities: readonly string[] }>>;
}

/** The task types the registered agents run: their capabilities' names. Empty while none has registered. */
export async function knownTaskTypes(agents: RegisteredCapabilities): Promise<ReadonlySet<string>> {
  return new Set((await agents.list()).flatMap((a) => a.capabilities));
}

/**
 * Each type no registered agent runs, as an error on its field listing the types they do. None while
 * no agent has registered: the tasks are kept and wait, pending, with that reason, for the first.
 */
export function unknownTypeErrors(known: ReadonlySet<string>, items: ReadonlyArray<{ field: string; type: string }>): FieldError[] {
  if (known.size === 0) return [];
  const listed = [...known].sort().join(', ');
  return items.filter(({ type }) => !known.has(type)).map(({ field, type }) => ({ field, message: `no registered agent runs "${type}"; the types they run: ${listed}` }));
}

/** The types of a workflow's steps, named `steps.<name>.type`. A dynamic step's children are checked when they are listed. */
export const workflowTypes = (workflow: ParsedWorkflow) => Object.entries(workflow.steps).map(([name, step]) => ({ field: `steps.${name}.type`, type: step.type }));
