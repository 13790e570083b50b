/**
 * `{ "$from": "<step>.result.<path>" }` anywhere in a step's payload takes a value from the result of
 * a step it depends on; `<step>.children.<i>.<path>` from the results of a dynamic step's children.
 * The object is replaced whole by the value. Path parts are object keys or array indexes.
 */
export const REFERENCE_KEY = '$from';

export interface Reference {
  /** Where in the payload it sits, e.g. `payload.repository.path`. */
  field: string;
  step: string;
  source: 'result' | 'children';
  path: string[];
}

export type ReferenceProblem = { field: string; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every reference in a payload, and what is wrong with the ones that are not references as written. */
export function findReferences(value: unknown, field = 'payload'): { references: Reference[]; problems: ReferenceProblem[] } {
  const references: Reference[] = [];
  const problems: ReferenceProblem[] = [];
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${at}.${i}`));
    if (!isObject(node)) return;
    if (REFERENCE_KEY in node) {
      const parsed = parseReference(node, at);
      if ('message' in parsed) problems.push(parsed);
      else references.push(parsed);
      return;
    }
    for (const [key, child] of Object.entries(node)) visit(child, `${at}.${key}`);
  };
  visit(value, field);
  return { references, problems };
}

function parseReference(node: Record<string, unknown>, field: string): Reference | ReferenceProblem {
  const others = Object.keys(node).filter((k) => k !== REFERENCE_KEY);
  if (others.length > 0) return { field, message: `an object with "${REFERENCE_KEY}" holds nothing else; it also has ${others.map((k) => `"${k}"`).join(', ')}` };
  const text = node[REFERENCE_KEY];
  const [step, source, ...path] = typeof text === 'string' ? text.split('.') : [];
  if (!step || (source !== 'result' && source !== 'children') || path.some((p) => p === '')) {
    return { field, message: `"${REFERENCE_KEY}" must be "<step>.result[.<path>]" or "<step>.children[.<index>[.<path>]]"; got ${JSON.stringify(text)}` };
  }
  return { field, step, source, path };
}

/** What a finished step offers to the steps after it. */
export interface StepOutput {
  result: unknown;
  /** A dynamic step's children's results, in order. */
  children: unknown[];
}

/**
 * The payload with every reference replaced by its value, or the first reference that does not
 * resolve (a path missing from the result) with its field named.
 */
export function resolveReferences(
  payload: Record<string, unknown>,
  outputOf: (step: string) => StepOutput | undefined,
): { ok: true; payload: Record<string, unknown> } | { ok: false; problem: ReferenceProblem } {
  let problem: ReferenceProblem | undefined;
  const replace = (node: unknown, at: string): unknown => {
    if (problem) return node;
    if (Array.isArray(node)) return node.map((item, i) => replace(item, `${at}.${i}`));
    if (!isObject(node)) return node;
    if (REFERENCE_KEY in node) {
      const parsed = parseReference(node, at);
      if ('message' in parsed) {
        problem = parsed;
        return node;
      }
      const value = valueAt(outputOf(parsed.step), parsed);
      if (value === undefined) problem = { field: at, message: `${String(node[REFERENCE_KEY])} is not in the output of step "${parsed.step}"` };
      return value;
    }
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, replace(child, `${at}.${key}`)]));
  };
  const resolved = replace(payload, 'payload') as Record<string, unknown>;
  return problem ? { ok: false, problem } : { ok: true, payload: resolved };
}

function valueAt(output: StepOutput | undefined, reference: Reference): unknown {
  if (!output) return undefined;
  let node: unknown = reference.source === 'result' ? output.result : output.children;
  for (const part of reference.path) {
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (isObject(node) && Object.hasOwn(node, part)) node = node[part];
    else return undefined;
  }
  return node;
}
