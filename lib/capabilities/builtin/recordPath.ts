/** A JSON object: one record of `data.transform`. */
export type JsonRecord = Record<string, unknown>;

/** Segments that would reach an object's prototype if a path were followed naively: never allowed. */
export const FORBIDDEN_PATH_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const MAX_PATH_DEPTH = 32;

export function isJsonRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a dotted path cannot be used, or `undefined` when it can. */
export function pathProblem(path: string): string | undefined {
  const segments = path.split('.');
  if (path === '' || segments.some((segment) => segment === '')) return `"${path}" has an empty segment`;
  if (segments.length > MAX_PATH_DEPTH) return `"${path}" is deeper than ${MAX_PATH_DEPTH} segments`;
  const forbidden = segments.find((segment) => FORBIDDEN_PATH_SEGMENTS.has(segment));
  if (forbidden !== undefined) return `path segment "${forbidden}" is not allowed (it would reach the object prototype)`;
  return undefined;
}

export type PathLookup = { found: true; value: unknown } | { found: false };

/** Follows own properties only (never the prototype chain); numeric segments index arrays. */
export function getPath(record: JsonRecord, path: string): PathLookup {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment) && Number(segment) < current.length) {
      current = current[Number(segment)];
    } else if (isJsonRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

/** A value on the way to a path to set is not an object: naming where, for the error message. */
export class PathBlockedError extends Error {
  constructor(readonly at: string) {
    super(`"${at}" is not an object`);
  }
}

function withOwn(record: JsonRecord, key: string, value: unknown): JsonRecord {
  const copy = { ...record };
  // defineProperty, never assignment: assigning to a key named __proto__ would set the prototype.
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of `record` with `path` set to `value`, creating objects on the way; the input is not changed. */
export function setPath(record: JsonRecord, path: string, value: unknown): JsonRecord {
  const segments = path.split('.');
  const set = (target: JsonRecord, depth: number): JsonRecord => {
    const key = segments[depth]!;
    if (depth === segments.length - 1) return withOwn(target, key, value);
    const child = Object.hasOwn(target, key) ? target[key] : undefined;
    if (child !== undefined && !isJsonRecord(child)) throw new PathBlockedError(segments.slice(0, depth + 1).join('.'));
    return withOwn(target, key, set(child ?? {}, depth + 1));
  };
  return set(record, 0);
}

/** A copy of `record` without `path`; the same record when there is nothing to remove. */
export function deletePath(record: JsonRecord, path: string): JsonRecord {
  const segments = path.split('.');
  const remove = (target: JsonRecord, depth: number): JsonRecord => {
    const key = segments[depth]!;
    if (!Object.hasOwn(target, key)) return target;
    if (depth === segments.length - 1) {
      const copy = { ...target };
      delete copy[key];
      return copy;
    }
    const child = target[key];
    if (!isJsonRecord(child)) return target;
    const updated = remove(child, depth + 1);
    return updated === child ? target : withOwn(target, key, updated);
  };
  return remove(record, 0);
}
