import { capabilitySchema } from '../contracts/index.js';
import { CapabilityDefinitionError } from './errors.js';
import type { Capability } from './types.js';

/**
 * Declares a capability. Checks the name at import time, so a bad one fails the module that defines it;
 * otherwise returns the definition as given, typed by its schemas.
 *
 * @example
 * export const echo = defineCapability({
 *   name: 'echo',
 *   description: 'Returns its input.',
 *   input: z.object({ text: z.string() }),
 *   output: z.object({ text: z.string() }),
 *   run: async (input) => input,
 * });
 */
export function defineCapability<I, O>(capability: Capability<I, O>): Capability<I, O> {
  if (!capabilitySchema.safeParse(capability.name).success) {
    throw new CapabilityDefinitionError(capability.name, 'the name must be lower-case words joined by "." or "-", such as "compute" or "data.transform"');
  }
  if (capability.description.trim() === '') {
    throw new CapabilityDefinitionError(capability.name, 'the description is empty');
  }
  return capability;
}

/**
 * Indexes capabilities by name, refusing two with the same name (the second would silently shadow
 * the first in a worker).
 */
export function indexCapabilities(capabilities: readonly Capability[]): ReadonlyMap<string, Capability> {
  const byName = new Map<string, Capability>();
  for (const capability of capabilities) {
    if (byName.has(capability.name)) {
      throw new CapabilityDefinitionError(capability.name, 'listed twice');
    }
    byName.set(capability.name, capability);
  }
  return byName;
}
