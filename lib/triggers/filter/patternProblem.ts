/** A validation failure deep in a pattern; parseFilterPattern turns it into a FilterPatternInvalidError. */
export class PatternProblem extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export function fail(path: string, reason: string): never {
  throw new PatternProblem(path, reason);
}

export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** A short rendering of an offending value for an error message. */
export function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
