import { compareJson, jsonEqual, orderedAs } from './jsonValues.js';
import { deletePath, getPath, setPath, type JsonRecord } from './recordPath.js';
import type { TransformStep } from './dataTransformSchema.js';

type StepOf<T extends TransformStep['type']> = Extract<TransformStep, { type: T }>;

function pick(records: JsonRecord[], step: StepOf<'pick'>): JsonRecord[] {
  return records.map((record) => {
    let picked: JsonRecord = {};
    for (const field of step.fields) {
      const lookup = getPath(record, field);
      if (lookup.found) picked = setPath(picked, field, lookup.value);
    }
    return picked;
  });
}

function omit(records: JsonRecord[], step: StepOf<'omit'>): JsonRecord[] {
  return records.map((record) => step.fields.reduce(deletePath, record));
}

// Sources are all read before anything moves, so { a: 'b', b: 'a' } swaps the two fields.
function rename(records: JsonRecord[], step: StepOf<'rename'>): JsonRecord[] {
  return records.map((record) => {
    const moves = step.fields.map(([from, to]) => ({ from, to, lookup: getPath(record, from) }));
    let renamed = record;
    for (const move of moves) if (move.lookup.found) renamed = deletePath(renamed, move.from);
    for (const move of moves) if (move.lookup.found) renamed = setPath(renamed, move.to, move.lookup.value);
    return renamed;
  });
}

function matches(record: JsonRecord, step: StepOf<'filter'>): boolean {
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
      return lookup.found && (step.value as unknown[]).some((candidate) => jsonEqual(field, candidate));
    case 'contains':
      if (typeof field === 'string') return typeof step.value === 'string' && field.includes(step.value);
      return Array.isArray(field) && field.some((item) => jsonEqual(item, step.value));
  }
}

function map(records: JsonRecord[], step: StepOf<'map'>): JsonRecord[] {
  return records.map((record) => {
    if (step.from === undefined) return setPath(record, step.field, step.value);
    const source = getPath(record, step.from);
    return source.found ? setPath(record, step.field, source.value) : record;
  });
}

// Missing and null values go last in either direction; Array.prototype.sort is stable, so ties keep their order.
function sort(records: JsonRecord[], step: StepOf<'sort'>): JsonRecord[] {
  const sign = step.direction === 'desc' ? -1 : 1;
  const keyed = records.map((record) => {
    const lookup = getPath(record, step.field);
    return { record, key: lookup.found ? lookup.value : null };
  });
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) return (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0);
    return sign * compareJson(a.key, b.key);
  });
  return keyed.map((entry) => entry.record);
}

/** Applies one step to every record; records are never changed in place. */
export function applyStep(records: JsonRecord[], step: TransformStep): JsonRecord[] {
  switch (step.type) {
    case 'pick':
      return pick(records, step);
    case 'omit':
      return omit(records, step);
    case 'rename':
      return rename(records, step);
    case 'filter':
      return records.filter((record) => matches(record, step));
    case 'map':
      return map(records, step);
    case 'sort':
      return sort(records, step);
    case 'limit':
      return records.slice(0, step.n);
  }
}
