import { setImmediate } from 'node:timers/promises';
import { CapabilityInputError } from '../errors.js';
import type { TransformStep } from './dataTransformSchema.js';
import { workPerRecord } from './dataTransformWork.js';
import { PathBlockedError, type JsonRecord } from './recordPath.js';
import { compileStep } from './transformSteps.js';

/** Field operations between two yields to the event loop: about a millisecond of work; a yield costs microseconds. */
export const CHUNK_WORK = 2_000;

async function yieldUnlessAborted(signal: AbortSignal): Promise<void> {
  await setImmediate();
  signal.throwIfAborted();
}

async function eachInChunks(records: JsonRecord[], apply: (record: JsonRecord) => JsonRecord | undefined, chunk: number, signal: AbortSignal): Promise<JsonRecord[]> {
  const kept: JsonRecord[] = [];
  for (let start = 0; start < records.length; start += chunk) {
    if (start > 0) await yieldUnlessAborted(signal);
    const end = Math.min(records.length, start + chunk);
    for (let i = start; i < end; i += 1) {
      const result = apply(records[i]!);
      if (result !== undefined) kept.push(result);
    }
  }
  return kept;
}

function blockedInputError(error: PathBlockedError, step: TransformStep, index: number): CapabilityInputError {
  const field = 'field' in step ? 'field' : 'fields';
  return new CapabilityInputError('data.transform', [{ path: `steps.${index}.${field}`, message: `${error.message}, so no field can be set below it` }], { cause: error });
}

/**
 * Runs the steps in order, yielding to the event loop between steps and every `CHUNK_WORK` field
 * operations, so a timer (the task timeout) can fire and abort `signal`; stops with the signal's reason
 * once it has. Without the yields the timeout, a setTimeout race, could not fire until the run ended.
 */
export async function runTransformSteps(records: JsonRecord[], steps: readonly TransformStep[], signal: AbortSignal): Promise<JsonRecord[]> {
  let current = records;
  for (const [index, step] of steps.entries()) {
    if (index > 0) await yieldUnlessAborted(signal);
    else signal.throwIfAborted();
    const compiled = compileStep(step);
    try {
      if (compiled.kind === 'whole') {
        current = compiled.apply(current);
      } else {
        const chunk = Math.max(1, Math.floor(CHUNK_WORK / Math.max(1, workPerRecord(step, current.length))));
        current = await eachInChunks(current, compiled.apply, chunk, signal);
      }
    } catch (error) {
      throw error instanceof PathBlockedError ? blockedInputError(error, step, index) : error;
    }
  }
  return current;
}
