import { compareJson, jsonEqual, orderedAs } from './jsonValues.js';
import { jsonValueSet } from './dataTransformValueSet.js';
import { deletePath, getPath, setPath, type JsonRecord } from './recordPath.js';
import type { TransformStep } from './dataTransformSchema.js';

type StepOf<T extends TransformStep['type']> = Extract<TransformStep, { type: T }>;

/**
 * A step ready to run. Most steps handle one record at a time, so the runner can cut the records into
 * chunks and yield between them; `sort` and `limit` need the whole list. `each` returns `undefined`
 * for a record the step drops. Records are never changed in place.
 */
export type CompiledStep =
  | { kind: 'each'; apply(record: JsonRecord): JsonRecord | undefined }
  | { kind: 'whole'; apply(records: JsonRecord[]): JsonRecord[] };

function pick(step: StepOf<'pick'>) {
  return (record: JsonRecord): JsonRecord => {
    let picked: JsonRecord = {};
    for (const field of step.fields) {
      const lookup = getPath(record, field);
      if (lookup.found) picked = setPath(picked, field, lookup.value);
    }
    return picked;
  };
}

function omit(step: StepOf<'omit'>) {
  return (record: JsonRecord): JsonRecord => step.fields.reduce(deletePath, record);
}

// Sources are all read before anything moves, so { a: 'b', b: 'a' } swaps the two fields.
function rename(step: StepOf<'rename'>) {
  return (record: JsonRecord): JsonRecord => {
    const moves = step.fields.map(([from, to]) => ({ from, to, lookup: getPath(record, from) }));
    let renamed = record;
    for (const move of moves) if (move.lookup.found) renamed = deletePath(renamed, move.from);
    for (const move of moves) if (move.lookup.found) renamed = setPath(renamed, move.to, move.lookup.value);
    return renamed;
  };
}

function matcher(step: StepOf<'filter'>): (record: JsonRecord) => boolean {
  // Built once per step: a linear scan of the values per record made `in` quadratic (issue 13, finding 4).
  const candidates = step.operator === 'in' ? jsonValueSet(step.value as unknown[]) : undefined;
  return (record) => {
    const lookup = getPath(record, step.field);
    const field = lookup.found ? lookup.value : undefined;
    switch (step.operator) {
      case 'exists':
        return lookup.found === (step.value ?? true);
      case 'eq':
        return lookup.found && jsonEqual(field, step.value);
      case 'ne':
        return !lookup.found || !jsonEqual(field, step.value);
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return lookup.found && orderedAs(field, step.operator, step.value);
      case 'in':
        return lookup.found && candidates!.has(field);
      case 'contains':
        if (typeof field === 'string') return typeof step.value === 'string' && field.includes(step.value);
        return Array.isArray(field) && field.some((item) => jsonEqual(item, step.value));
    }
  };
}

function map(step: StepOf<'map'>) {
  return (record: JsonRecord): JsonRecord => {
    if (step.from === undefined) return setPath(record, step.field, step.value);
    const source = getPath(record, step.from);
    return source.found ? setPath(record, step.field, source.value) : record;
  };
}

// Missing and null values go last in either direction; Array.prototype.sort is stable, so ties keep their order.
function sort(step: StepOf<'sort'>) {
  const sign = step.direction === 'desc' ? -1 : 1;
  return (records: JsonRecord[]): JsonRecord[] => {
    const keyed = records.map((record) => {
      const lookup = getPath(record, step.field);
      return { record, key: lookup.found ? lookup.value : null };
    });
    keyed.sort((a, b) => {
      if (a.key === null || b.key === null) return (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0);
      return sign * compareJson(a.key, b.key);
    });
    return keyed.map((entry) => entry.record);
  };
}

export function compileStep(step: TransformStep): CompiledStep {
  switch (step.type) {
    case 'pick':
      return { kind: 'each', apply: pick(step) };
    case 'omit':
      return { kind: 'each', apply: omit(step) };
    case 'rename':
      return { kind: 'each', apply: rename(step) };
    case 'filter': {
      const keep = matcher(step);
      return { kind: 'each', apply: (record) => (keep(record) ? record : undefined) };
    }
    case 'map':
      return { kind: 'each', apply: map(step) };
    case 'sort':
      return { kind: 'whole', apply: sort(step) };
    case 'limit':
      return { kind: 'whole', apply: (records) => records.slice(0, step.n) };
  }
}
