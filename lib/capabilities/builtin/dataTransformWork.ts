import { CapabilityInputError } from '../errors.js';
import { DATA_TRANSFORM_LIMITS, type TransformStep } from './dataTransformSchema.js';

/** Field operations one step costs per record it sees: a path read, set or delete, or a set lookup. */
export function workPerRecord(step: TransformStep, records: number): number {
  switch (step.type) {
    case 'pick':
    case 'omit':
    case 'rename':
      return step.fields.length;
    case 'filter':
    case 'map':
      return 1;
    case 'sort':
      return Math.max(1, Math.ceil(Math.log2(records + 1)));
    case 'limit':
      return 0;
  }
}

export interface TransformWork {
  total: number;
  records: number;
  perRecord: number;
}

/**
 * An upper bound of the field operations `steps` take on `records` records, counted before anything
 * runs: no step adds records, and a `limit` bounds every step after it. `in` values count once each,
 * for building their set.
 */
export function estimateTransformWork(records: number, steps: readonly TransformStep[]): TransformWork {
  let seen = records;
  let total = 0;
  let perRecord = 0;
  for (const step of steps) {
    const each = workPerRecord(step, seen);
    total += seen * each;
    perRecord += each;
    if (step.type === 'filter' && step.operator === 'in') total += (step.value as unknown[]).length;
    if (step.type === 'limit') seen = Math.min(seen, step.n);
  }
  return { total, records, perRecord };
}

/** Refuses, before running, a transform whose estimated work is over `DATA_TRANSFORM_LIMITS.work`. */
export function checkTransformWork(records: number, steps: readonly TransformStep[], cap: number = DATA_TRANSFORM_LIMITS.work): TransformWork {
  const work = estimateTransformWork(records, steps);
  if (work.total > cap) {
    const message = `${records} records × ${work.perRecord} field operations per record over ${steps.length} steps ≈ ${work.total} operations, over the cap of ${cap}; send fewer records or fewer fields per step`;
    throw new CapabilityInputError('data.transform', [{ path: 'steps', message }]);
  }
  return work;
}
