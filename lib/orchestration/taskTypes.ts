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

/** How long a type seen registered is taken as known without asking the registry again. */
const KNOWN_FOR_MS = 10_000;
const seen = new WeakMap<RegisteredCapabilities, { types: ReadonlySet<string>; at: number }>();

/**
 * The known types, asking the registry only when one of `types` is not among those it listed in the
 * last ten seconds: a submission of a known type costs no query on the hot path, and a refusal is
 * always decided on a fresh list (an agent that registered a moment ago is never refused).
 */
export async function knownTypesFor(agents: RegisteredCapabilities, types: Iterable<string>, now = Date.now()): Promise<ReadonlySet<string>> {
  const cached = seen.get(agents);
  if (cached && now - cached.at < KNOWN_FOR_MS && [...types].every((type) => cached.types.has(type))) return cached.types;
  const fresh = await knownTaskTypes(agents);
  seen.set(agents, { types: fresh, at: now });
  return fresh;
}

/** `unknownTypeErrors` against the registry (see knownTypesFor). */
export async function checkTaskTypes(agents: RegisteredCapabilities, items: ReadonlyArray<{ field: string; type: string }>, now = Date.now()): Promise<FieldError[]> {
  return unknownTypeErrors(await knownTypesFor(agents, items.map((i) => i.type), now), items);
}

/** The types of a workflow's steps, named `steps.<name>.type`. A dynamic step's children are checked when they are listed. */
export const workflowTypes = (workflow: ParsedWorkflow) => Object.entries(workflow.steps).map(([name, step]) => ({ field: `steps.${name}.type`, type: step.type }));
