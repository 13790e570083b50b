import { CapabilityError, CapabilityFailedError, CapabilityInputError, CapabilityOutputInvalidError } from './errors.js';
import { issueFields } from './issueFields.js';
import type { Capability, CapabilityContext } from './types.js';

function retriableOf(error: unknown): boolean {
  const retriable = (error as { retriable?: unknown } | null)?.retriable;
  return typeof retriable === 'boolean' ? retriable : true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one attempt of a capability on a task payload and returns the validated result.
 *
 * - a payload the input schema rejects → `CapabilityInputError` naming each bad field (not retried);
 * - an error thrown by `run` → `CapabilityFailedError`, retriable unless the error says
 *   `retriable: false` (capability errors pass through unchanged);
 * - a result the output schema rejects → `CapabilityOutputInvalidError` (a bug, not retried).
 *
 * @example
 * const result = await runCapability(compute, { op: 'sum', values: [1, 2] }, ctx); // { op: 'sum', result: 3 }
 */
export async function runCapability<I, O>(capability: Capability<I, O>, payload: unknown, ctx: CapabilityContext): Promise<O> {
  const input = capability.input.safeParse(payload);
  if (!input.success) {
    throw new CapabilityInputError(capability.name, issueFields(input.error), { cause: input.error });
  }

  let result: O;
  try {
    result = await capability.run(input.data, ctx);
  } catch (error) {
    if (error instanceof CapabilityError) throw error;
    throw new CapabilityFailedError(capability.name, messageOf(error), { retriable: retriableOf(error), cause: error });
  }

  const output = capability.output.safeParse(result);
  if (!output.success) {
    throw new CapabilityOutputInvalidError(capability.name, issueFields(output.error), { cause: output.error });
  }
  return output.data;
}
